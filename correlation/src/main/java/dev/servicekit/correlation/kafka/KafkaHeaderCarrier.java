package dev.servicekit.correlation.kafka;

import dev.servicekit.config.ProcessConfig;
import dev.servicekit.correlation.CorrelationPropagator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads and writes correlation fields as Kafka record headers. */
final class KafkaHeaderCarrier {

  /** Longest header value decoded, in bytes; longer values are treated as absent. */
  static final int MAX_VALUE_BYTES = 8192;

  private KafkaHeaderCarrier() {}

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
   * The last value of {@code key} decoded as UTF-8, or {@code null} when absent, empty-valued or
   * longer than {@link #MAX_VALUE_BYTES}. Malformed UTF-8 decodes to replacement characters, which
   * the correlation core rejects.
   */
  static String read(Headers headers, String key) {
    if (headers == null) {
      return null;
    }
    Header header = headers.lastHeader(key);
    if (header == null) {
      return null;
    }
    byte[] value = header.value();
    if (value == null || value.length > MAX_VALUE_BYTES) {
      return null;
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  /** The fields of the current context, in the order {@code propagator} writes them. */
  static Map<String, String> currentFields(CorrelationPropagator propagator) {
    Map<String, String> fields = new LinkedHashMap<>(8);
    propagator.inject(fields::put);
    return fields;
  }

  /**
   * Replaces each header named in {@code fields} by the field's value, so the last (and only) value
   * is the current one.
   *
   * @throws IllegalStateException when {@code headers} is read-only
   */
  static void write(Headers headers, Map<String, String> fields) {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      headers.remove(field.getKey());
      headers.add(field.getKey(), field.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }
}
