package dev.servicekit.correlation.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.DeliverCallback;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.internal.MessagingPropagator;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Carries the correlation through RabbitMQ (AMQP 0-9-1) message headers.
 *
 * <pre>{@code
 * channel.basicPublish("", queue, AmqpCorrelation.inject(properties), body);
 *
 * channel.basicConsume(queue, true,
 *     AmqpCorrelation.wrap((tag, delivery) -> handle(delivery)), tag -> {});
 * // or, by hand:
 * try (Scope scope = AmqpCorrelation.open(delivery.getProperties())) { ... }
 * }</pre>
 *
 * <p>Header values are untrusted. They are read whether the broker delivers them as {@code
 * LongString} (the usual case), {@code byte[]} or {@code String}; other types, values longer than 8
 * KiB and values rejected by the correlation rules are ignored, so a delivery without a usable id
 * gets a fresh one. No method here throws on a bad message.
 *
 * <p>These methods use the messaging propagator configured from {@code
 * servicekit.correlation.inbound} and {@code .trace-context}, read on first use and again when a
 * runtime publishes its settings. A bad value fails {@code wrap(..)} with a {@link
 * dev.servicekit.config.ConfigException}; {@code inject} and {@code open} never throw for it: they
 * report it once through SLF4J and use that setting's default. For a propagator of your own, see
 * {@link #using(CorrelationPropagator)}.
 */
public final class AmqpCorrelation {

  private static final AmqpCorrelator DEFAULT =
      new AmqpCorrelator(MessagingPropagator.configured());

  private AmqpCorrelation() {}

  /**
   * A correlator with these operations that always uses {@code propagator}, whatever the
   * configuration says.
   *
   * @param propagator the propagator every operation uses
   * @return a correlator bound to {@code propagator}
   * @throws NullPointerException when {@code propagator} is null
   */
  public static AmqpCorrelator using(CorrelationPropagator propagator) {
    return new AmqpCorrelator(MessagingPropagator.of(propagator));
  }

  /**
   * See {@link AmqpCorrelator#inject(AMQP.BasicProperties)}.
   *
   * @param properties the properties to copy, or null for empty ones
   * @return a copy whose headers carry the current correlation
   */
  public static AMQP.BasicProperties inject(AMQP.@Nullable BasicProperties properties) {
    return DEFAULT.inject(properties);
  }

  /**
   * See {@link AmqpCorrelator#inject(Map)}.
   *
   * @param headers a mutable header map; receives the current correlation
   */
  public static void inject(Map<String, Object> headers) {
    DEFAULT.inject(headers);
  }

  /**
   * See {@link AmqpCorrelator#open(AMQP.BasicProperties)}.
   *
   * @param properties the delivery's properties, or null
   * @return the open scope; close it when the delivery is handled
   */
  public static Scope open(AMQP.@Nullable BasicProperties properties) {
    return DEFAULT.open(properties);
  }

  /**
   * See {@link AmqpCorrelator#open(Map)}.
   *
   * @param headers the delivery's headers, or null
   * @return the open scope; close it when the delivery is handled
   */
  public static Scope open(@Nullable Map<String, Object> headers) {
    return DEFAULT.open(headers);
  }

  /**
   * See {@link AmqpCorrelator#wrap(DeliverCallback)}.
   *
   * @param callback the application's callback
   * @return a callback running {@code callback} in each delivery's scope
   * @throws dev.servicekit.config.ConfigException when a setting has a bad value
   */
  public static DeliverCallback wrap(DeliverCallback callback) {
    return DEFAULT.wrap(callback);
  }

  /**
   * See {@link AmqpCorrelator#wrap(Consumer)}.
   *
   * @param consumer the application's consumer
   * @return a consumer running {@code consumer}'s deliveries in their scopes
   * @throws dev.servicekit.config.ConfigException when a setting has a bad value
   */
  public static Consumer wrap(Consumer consumer) {
    return DEFAULT.wrap(consumer);
  }
}
