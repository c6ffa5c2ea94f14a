package dev.servicekit.correlation.jms;

import dev.servicekit.correlation.internal.MessageValues;
import dev.servicekit.correlation.internal.MessagingPropagator;
import io.opentelemetry.context.Scope;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Carries the correlation through JMS message properties with one propagator: the operations of
 * {@link JmsCorrelation}, from an instance the application wires.
 *
 * <pre>{@code
 * JmsCorrelator jms = JmsCorrelation.using(CorrelationPropagator.messaging()); // once
 * jms.inject(message);
 * consumer.setMessageListener(jms.wrap(received -> handle(received)));
 * }</pre>
 *
 * <p>Immutable and thread-safe. No method throws on a bad message; property values are read as
 * {@link JmsCorrelation} describes.
 */
public final class JmsCorrelator {

  private final MessagingPropagator propagator;

  JmsCorrelator(MessagingPropagator propagator) {
    this.propagator = propagator;
  }

  /**
   * Writes the current correlation as string properties of {@code message}, replacing earlier
   * values. Call before sending; a received message's properties are read-only and stay unchanged.
   *
   * @param message the message about to be sent
   */
  public void inject(Message message) {
    if (message == null) {
      return;
    }
    propagator
        .forMessage()
        .inject(
            (name, value) -> {
              try {
                message.setStringProperty(name, value);
              } catch (JMSException | RuntimeException e) {
                // read-only or provider refusal: the message goes out without this field
              }
            });
  }

  /**
   * Sets the current correlation as properties of the next messages {@code producer} sends.
   *
   * @param producer the producer whose next messages carry the correlation
   */
  public void inject(JMSProducer producer) {
    if (producer == null) {
      return;
    }
    propagator
        .forMessage()
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
   *
   * @param message the received message, or null
   * @return the open scope; close it when the message is handled
   */
  public Scope open(@Nullable Message message) {
    return propagator.forMessage().extract(name -> read(message, name));
  }

  /**
   * A listener that runs {@code listener} inside each message's scope.
   *
   * @param listener the application's listener
   * @return a listener running {@code listener} in each message's scope
   * @throws dev.servicekit.config.ConfigException when this correlator follows the configuration
   *     and a setting has a bad value
   */
  public MessageListener wrap(MessageListener listener) {
    Objects.requireNonNull(listener, "listener");
    propagator.forWiring();
    return new CorrelatingMessageListener(listener, this);
  }

  static @Nullable String read(@Nullable Message message, String name) {
    if (message == null) {
      return null;
    }
    try {
      Object value = message.getObjectProperty(name);
      return value instanceof String ? MessageValues.bounded((String) value) : null;
    } catch (JMSException | RuntimeException e) {
      return null;
    }
  }
}
