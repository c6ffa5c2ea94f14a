package dev.servicekit.correlation.jms;

import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.internal.MessagingPropagator;
import io.opentelemetry.context.Scope;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.jspecify.annotations.Nullable;

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
 * <p>Property values are untrusted: only string-typed properties are read, values longer than 8 KiB
 * and values rejected by the correlation rules are ignored, so a message without a usable id gets a
 * fresh one. No method here throws on a bad message; a message whose properties are read-only is
 * left unchanged.
 *
 * <p>These methods use the messaging propagator configured from {@code
 * servicekit.correlation.inbound} and {@code .trace-context}, read on first use and again when a
 * runtime publishes its settings. A bad value fails {@code wrap(..)} with a {@link
 * dev.servicekit.config.ConfigException}; {@code inject} and {@code open} never throw for it: they
 * report it once through SLF4J and use that setting's default. For a propagator of your own, see
 * {@link #using(CorrelationPropagator)}.
 */
public final class JmsCorrelation {

  private static final JmsCorrelator DEFAULT = new JmsCorrelator(MessagingPropagator.configured());

  private JmsCorrelation() {}

  /**
   * A correlator with these operations that always uses {@code propagator}, whatever the
   * configuration says.
   *
   * @param propagator the propagator every operation uses
   * @return a correlator bound to {@code propagator}
   * @throws NullPointerException when {@code propagator} is null
   */
  public static JmsCorrelator using(CorrelationPropagator propagator) {
    return new JmsCorrelator(MessagingPropagator.of(propagator));
  }

  /**
   * See {@link JmsCorrelator#inject(Message)}.
   *
   * @param message the message about to be sent
   */
  public static void inject(Message message) {
    DEFAULT.inject(message);
  }

  /**
   * See {@link JmsCorrelator#inject(JMSProducer)}.
   *
   * @param producer the producer whose next messages carry the correlation
   */
  public static void inject(JMSProducer producer) {
    DEFAULT.inject(producer);
  }

  /**
   * See {@link JmsCorrelator#open(Message)}.
   *
   * @param message the received message, or null
   * @return the open scope; close it when the message is handled
   */
  public static Scope open(@Nullable Message message) {
    return DEFAULT.open(message);
  }

  /**
   * See {@link JmsCorrelator#wrap(MessageListener)}.
   *
   * @param listener the application's listener
   * @return a listener running {@code listener} in each message's scope
   * @throws dev.servicekit.config.ConfigException when a setting has a bad value
   */
  public static MessageListener wrap(MessageListener listener) {
    return DEFAULT.wrap(listener);
  }
}
