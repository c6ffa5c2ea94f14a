package dev.servicekit.correlation.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.LongString;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.correlation.CorrelationPropagator;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
 * gets a fresh one. No method here throws on a bad message. The settings {@code
 * servicekit.correlation.inbound} and {@code .trace-context} are read once, on first use; a bad
 * value makes every call throw {@link IllegalArgumentException} naming it.
 */
public final class AmqpCorrelation {

  /** Longest header value read, in bytes (or characters for strings). */
  static final int MAX_VALUE_LENGTH = 8192;

  private AmqpCorrelation() {}

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
   * Returns a copy of {@code properties} (or of empty properties when {@code null}) whose headers
   * also carry the current correlation, replacing earlier values of the same names. The argument is
   * not modified.
   */
  public static AMQP.BasicProperties inject(AMQP.BasicProperties properties) {
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
   */
  public static void inject(Map<String, Object> headers) {
    if (headers == null) {
      return;
    }
    propagator()
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
   */
  public static Scope open(AMQP.BasicProperties properties) {
    return open(properties == null ? null : properties.getHeaders());
  }

  /**
   * Opens the scope carried by a delivery's {@code headers}; see {@link
   * #open(AMQP.BasicProperties)}.
   */
  public static Scope open(Map<String, Object> headers) {
    return propagator().extract(name -> read(headers, name));
  }

  /** A callback that runs {@code callback} inside each delivery's scope. */
  public static DeliverCallback wrap(DeliverCallback callback) {
    Objects.requireNonNull(callback, "callback");
    propagator(); // a bad setting fails here, while the application wires its consumers
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
   */
  public static Consumer wrap(Consumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    propagator(); // a bad setting fails here, while the application wires its consumers
    return new CorrelatingConsumer(consumer);
  }

  static String read(Map<String, Object> headers, String name) {
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
      return text.length() > MAX_VALUE_LENGTH ? null : decode(text.getBytes());
    }
    if (value instanceof byte[]) {
      byte[] bytes = (byte[]) value;
      return bytes.length > MAX_VALUE_LENGTH ? null : decode(bytes);
    }
    if (value instanceof String) {
      String text = (String) value;
      return text.length() > MAX_VALUE_LENGTH ? null : text;
    }
    return null;
  }

  private static String decode(byte[] bytes) {
    // malformed UTF-8 becomes replacement characters, which the correlation rules reject
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
