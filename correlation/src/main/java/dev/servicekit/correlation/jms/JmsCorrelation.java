package dev.servicekit.correlation.jms;

import dev.servicekit.config.ProcessConfig;
import dev.servicekit.correlation.CorrelationPropagator;
import io.opentelemetry.context.Scope;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Objects;

/**
 * Carries the correlation through Jakarta Messaging (JMS) message properties.
 *
 * <pre>{@code
 * Message message = session.createTextMessage(body);
 * JmsCorrelation.inject(message);               // before send
 * producer.send(message);
 *
 * consumer.setMessageListener(JmsCorrelation.wrap(message -> handle(message)));
 * // or, receiving by hand:
 * try (Scope scope = JmsCorrelation.open(consumer.receive())) { ... }
 * }</pre>
 *
 * <p>Property values are untrusted: only string-typed properties are read, and values rejected by
 * the correlation rules are ignored, so a message without a usable id gets a fresh one. No method
 * here throws on a bad message; a message whose properties are read-only is left unchanged. The
 * settings {@code servicekit.correlation.inbound} and {@code .trace-context} are read once, on
 * first use; a bad value makes every call throw {@link IllegalArgumentException} naming it.
 */
public final class JmsCorrelation {

  /** Longest property value read; longer values are treated as absent. */
  static final int MAX_VALUE_LENGTH = 8192;

  private JmsCorrelation() {}

  private static volatile CorrelationPropagator propagator;

  private static volatile int propagatorVersion;

  /**
   * The messaging propagator, configured once from {@code servicekit.correlation.inbound} and
   * {@code servicekit.correlation.trace-context}.
   *
   * @throws IllegalArgumentException when one of those settings has a bad value
   */
  static CorrelationPropagator propagator() {
    CorrelationPropagator current = propagator;
    int version = ProcessConfig.version();
    if (current == null || propagatorVersion != version) {
      // again when a runtime published or withdrew its settings
      current = CorrelationPropagator.messaging();
      propagator = current;
      propagatorVersion = version;
    }
    return current;
  }

  /**
   * Writes the current correlation as string properties of {@code message}, replacing earlier
   * values. Call before sending; a received message's properties are read-only and stay unchanged.
   */
  public static void inject(Message message) {
    if (message == null) {
      return;
    }
    propagator()
        .inject(
            (name, value) -> {
              try {
                message.setStringProperty(name, value);
              } catch (JMSException | RuntimeException e) {
                // read-only or provider refusal: the message goes out without this field
              }
            });
  }

  /** Sets the current correlation as properties of the next messages {@code producer} sends. */
  public static void inject(JMSProducer producer) {
    if (producer == null) {
      return;
    }
    propagator()
        .inject(
            (name, value) -> {
              try {
                producer.setProperty(name, value);
              } catch (RuntimeException e) {
                // provider refusal: the message goes out without this field
              }
            });
  }

  /**
   * Opens the scope of {@code message}: its correlation id (or a fresh one), W3C trace context and
   * baggage become current, and the MDC shows them until the scope closes.
   */
  public static Scope open(Message message) {
    return propagator().extract(name -> read(message, name));
  }

  /** A listener that runs {@code listener} inside each message's scope. */
  public static MessageListener wrap(MessageListener listener) {
    Objects.requireNonNull(listener, "listener");
    propagator(); // a bad setting fails here, while the application wires its listeners
    return new CorrelatingMessageListener(listener);
  }

  static String read(Message message, String name) {
    if (message == null) {
      return null;
    }
    try {
      Object value = message.getObjectProperty(name);
      if (value instanceof String) {
        String text = (String) value;
        return text.length() > MAX_VALUE_LENGTH ? null : text;
      }
      return null;
    } catch (JMSException | RuntimeException e) {
      return null;
    }
  }
}
