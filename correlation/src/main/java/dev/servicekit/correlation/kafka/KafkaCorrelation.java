package dev.servicekit.correlation.kafka;

import io.opentelemetry.context.Scope;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Opens the correlation scope of consumed Kafka records, and stamps headers on records produced
 * outside the {@link CorrelationProducerInterceptor}.
 *
 * <pre>{@code
 * for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
 *   try (Scope scope = KafkaCorrelation.open(record)) {
 *     handle(record); // Correlation.currentId() and the MDC carry the record's id
 *   }
 * }
 * // or, for a batch:
 * KafkaCorrelation.forEach(consumer.poll(timeout), record -> handle(record));
 * }</pre>
 *
 * <p>Header values are untrusted: values that are not valid UTF-8, longer than 8 KiB or rejected by
 * the correlation rules are ignored, and a record without a usable id gets a fresh one. No method
 * here throws on a bad record; the scope must be closed on the thread that opened it. The settings
 * {@code servicekit.correlation.inbound} and {@code .trace-context} are read once, on first use; a
 * bad value makes every call throw {@link IllegalArgumentException} naming it.
 */
public final class KafkaCorrelation {

  private KafkaCorrelation() {}

  /**
   * Opens the scope of {@code record}: its correlation id (or a fresh one), its W3C trace context
   * and baggage become current, and the MDC shows them until the scope closes.
   */
  public static Scope open(ConsumerRecord<?, ?> record) {
    Headers headers = record == null ? null : record.headers();
    return KafkaHeaderCarrier.propagator().extract(key -> KafkaHeaderCarrier.read(headers, key));
  }

  /**
   * Runs {@code action} for each record inside that record's own scope, so a batch whose records
   * came from different requests logs each under its own id. An exception from {@code action}
   * closes the record's scope and propagates.
   */
  public static <K, V> void forEach(
      Iterable<? extends ConsumerRecord<K, V>> records,
      Consumer<? super ConsumerRecord<K, V>> action) {
    for (ConsumerRecord<K, V> record : records) {
      Scope scope = open(record);
      try {
        action.accept(record);
      } finally {
        scope.close();
      }
    }
  }

  /**
   * Writes the current correlation into {@code headers}, replacing earlier values of the same
   * names. Does nothing when {@code headers} is read-only (a record already handed to a producer).
   */
  public static void inject(Headers headers) {
    if (headers == null) {
      return;
    }
    try {
      KafkaHeaderCarrier.write(
          headers, KafkaHeaderCarrier.currentFields(KafkaHeaderCarrier.propagator()));
    } catch (IllegalStateException readOnly) {
      // headers of a record already sent; nothing can be added
    }
  }
}
