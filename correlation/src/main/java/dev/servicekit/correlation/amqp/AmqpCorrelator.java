package dev.servicekit.correlation.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.LongString;
import dev.servicekit.correlation.internal.MessageValues;
import dev.servicekit.correlation.internal.MessagingPropagator;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Carries the correlation through RabbitMQ message headers with one propagator: the operations of
 * {@link AmqpCorrelation}, from an instance the application wires.
 *
 * <pre>{@code
 * AmqpCorrelator amqp = AmqpCorrelation.using(CorrelationPropagator.messaging()); // once
 * channel.basicPublish("", queue, amqp.inject(properties), body);
 * channel.basicConsume(queue, true, amqp.wrap((tag, delivery) -> handle(delivery)), tag -> {});
 * }</pre>
 *
 * <p>Immutable and thread-safe. No method throws on a bad message; header values are read as {@link
 * AmqpCorrelation} describes.
 */
public final class AmqpCorrelator {

  private final MessagingPropagator propagator;

  AmqpCorrelator(MessagingPropagator propagator) {
    this.propagator = propagator;
  }

  /**
   * Returns a copy of {@code properties} (or of empty properties when {@code null}) whose headers
   * also carry the current correlation, replacing earlier values of the same names. The argument is
   * not modified.
   *
   * @param properties the properties to copy, or null for empty ones
   * @return a copy whose headers carry the current correlation
   */
  public AMQP.BasicProperties inject(AMQP.@Nullable BasicProperties properties) {
    AMQP.BasicProperties base =
        properties == null ? new AMQP.BasicProperties.Builder().build() : properties;
    Map<String, Object> existing = base.getHeaders();
    Map<String, Object> headers = existing == null ? new HashMap<>() : new HashMap<>(existing);
    inject(headers);
    return base.builder().headers(headers).build();
  }

  /**
   * Puts the current correlation into the mutable {@code headers} map, replacing earlier values;
   * for building properties with {@code new AMQP.BasicProperties.Builder().headers(headers)}.
   *
   * @param headers a mutable header map; receives the current correlation
   */
  public void inject(Map<String, Object> headers) {
    if (headers == null) {
      return;
    }
    propagator
        .forMessage()
        .inject(
            (name, value) -> {
              try {
                headers.put(name, value);
              } catch (RuntimeException e) {
                // an unmodifiable map: the message goes out without this field
              }
            });
  }

  /**
   * Opens the scope of a delivery with these properties: its correlation id (or a fresh one), W3C
   * trace context and baggage become current, and the MDC shows them until the scope closes.
   *
   * @param properties the delivery's properties, or null
   * @return the open scope; close it when the delivery is handled
   */
  public Scope open(AMQP.@Nullable BasicProperties properties) {
    return open(properties == null ? null : properties.getHeaders());
  }

  /**
   * Opens the scope carried by a delivery's {@code headers}; see {@link
   * #open(AMQP.BasicProperties)}.
   *
   * @param headers the delivery's headers, or null
   * @return the open scope; close it when the delivery is handled
   */
  public Scope open(@Nullable Map<String, Object> headers) {
    return propagator.forMessage().extract(name -> read(headers, name));
  }

  /**
   * A callback that runs {@code callback} inside each delivery's scope.
   *
   * @param callback the application's callback
   * @return a callback running {@code callback} in each delivery's scope
   * @throws dev.servicekit.config.ConfigException when this correlator follows the configuration
   *     and a setting has a bad value
   */
  public DeliverCallback wrap(DeliverCallback callback) {
    Objects.requireNonNull(callback, "callback");
    propagator.forWiring();
    return (consumerTag, delivery) -> {
      Scope scope = open(delivery == null ? null : delivery.getProperties());
      try {
        callback.handle(consumerTag, delivery);
      } finally {
        scope.close();
      }
    };
  }

  /**
   * A consumer that runs {@code consumer}'s {@code handleDelivery} inside each delivery's scope and
   * passes every other callback through unchanged.
   *
   * @param consumer the application's consumer
   * @return a consumer running {@code consumer}'s deliveries in their scopes
   * @throws dev.servicekit.config.ConfigException when this correlator follows the configuration
   *     and a setting has a bad value
   */
  public Consumer wrap(Consumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    propagator.forWiring();
    return new CorrelatingConsumer(consumer, this);
  }

  static @Nullable String read(@Nullable Map<String, Object> headers, String name) {
    if (headers == null) {
      return null;
    }
    Object value;
    try {
      value = headers.get(name);
    } catch (RuntimeException e) {
      return null;
    }
    if (value instanceof LongString) {
      LongString text = (LongString) value;
      // the length first: a long value is never copied out of the frame
      return text.length() > MessageValues.MAX_LENGTH
          ? null
          : MessageValues.decode(text.getBytes());
    }
    if (value instanceof byte[]) {
      return MessageValues.decode((byte[]) value);
    }
    if (value instanceof String) {
      return MessageValues.bounded((String) value);
    }
    return null;
  }
}
