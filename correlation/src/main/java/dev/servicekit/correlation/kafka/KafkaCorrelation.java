package dev.servicekit.correlation.kafka;

import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.internal.MessagingPropagator;
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
 * here throws on a bad record; the scope must be closed on the thread that opened it.
 *
 * <p>These methods use the messaging propagator configured from {@code
 * servicekit.correlation.inbound} and {@code .trace-context}, read on first use and again when a
 * runtime publishes its settings. They never throw for a bad value: they report it once through
 * SLF4J and use that setting's default (the interceptor and {@link #using(CorrelationPropagator)}
 * with {@link CorrelationPropagator#messaging()} fail where they are wired instead).
 */
public final class KafkaCorrelation {

  private static final KafkaCorrelator DEFAULT =
      new KafkaCorrelator(MessagingPropagator.configured());

  private KafkaCorrelation() {}

  /**
   * A correlator with these operations that always uses {@code propagator}, whatever the
   * configuration says.
   *
   * @param propagator the propagator every operation uses
   * @return a correlator bound to {@code propagator}
   * @throws NullPointerException when {@code propagator} is null
   */
  public static KafkaCorrelator using(CorrelationPropagator propagator) {
    return new KafkaCorrelator(MessagingPropagator.of(propagator));
  }

  /**
   * See {@link KafkaCorrelator#open(ConsumerRecord)}.
   *
   * @param record the consumed record
   * @return the open scope; close it when the record is handled
   */
  public static Scope open(ConsumerRecord<?, ?> record) {
    return DEFAULT.open(record);
  }

  /**
   * See {@link KafkaCorrelator#forEach(Iterable, Consumer)}.
   *
   * @param <K> the record key type
   * @param <V> the record value type
   * @param records the polled records
   * @param action what to do with each record, inside its scope
   */
  public static <K, V> void forEach(
      Iterable<? extends ConsumerRecord<K, V>> records,
      Consumer<? super ConsumerRecord<K, V>> action) {
    DEFAULT.forEach(records, action);
  }

  /**
   * See {@link KafkaCorrelator#inject(Headers)}.
   *
   * @param headers the headers of a record about to be sent
   */
  public static void inject(Headers headers) {
    DEFAULT.inject(headers);
  }
}
