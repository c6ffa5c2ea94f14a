package dev.servicekit.correlation.kafka;

import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.internal.MessageValues;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads and writes correlation fields as Kafka record headers. */
final class KafkaHeaderCarrier {

  private KafkaHeaderCarrier() {}

  /**
   * The last value of {@code key} decoded as UTF-8, or {@code null} when absent, empty-valued or
   * longer than {@link MessageValues#MAX_LENGTH} bytes. Malformed UTF-8 decodes to replacement
   * characters, which the correlation core rejects.
   */
  static String read(Headers headers, String key) {
    if (headers == null) {
      return null;
    }
    Header header = headers.lastHeader(key);
    return header == null ? null : MessageValues.decode(header.value());
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
