package dev.servicekit.correlation.kafka;

import dev.servicekit.correlation.internal.MessagingPropagator;
import io.opentelemetry.context.Scope;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Opens the correlation scope of consumed Kafka records and stamps headers with one propagator: the
 * operations of {@link KafkaCorrelation}, from an instance the application wires. On the producer
 * side, a {@link CorrelationProducerInterceptor} created with the same propagator does the same.
 *
 * <pre>{@code
 * KafkaCorrelator kafka = KafkaCorrelation.using(CorrelationPropagator.messaging()); // once
 * kafka.forEach(consumer.poll(timeout), record -> handle(record));
 * }</pre>
 *
 * <p>Immutable and thread-safe. No method throws on a bad record; header values are read as {@link
 * KafkaCorrelation} describes. A scope must be closed on the thread that opened it.
 */
public final class KafkaCorrelator {

  private final MessagingPropagator propagator;

  KafkaCorrelator(MessagingPropagator propagator) {
    this.propagator = propagator;
  }

  /**
   * Opens the scope of {@code record}: its correlation id (or a fresh one), its W3C trace context
   * and baggage become current, and the MDC shows them until the scope closes.
   *
   * @param record the consumed record
   * @return the open scope; close it when the record is handled
   */
  public Scope open(ConsumerRecord<?, ?> record) {
    Headers headers = record == null ? null : record.headers();
    return propagator.forMessage().extract(key -> KafkaHeaderCarrier.read(headers, key));
  }

  /**
   * Runs {@code action} for each record inside that record's own scope, so a batch whose records
   * came from different requests logs each under its own id. An exception from {@code action}
   * closes the record's scope and propagates.
   *
   * @param <K> the record key type
   * @param <V> the record value type
   * @param records the polled records
   * @param action what to do with each record, inside its scope
   */
  public <K, V> void forEach(
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
   *
   * @param headers the headers of a record about to be sent
   */
  public void inject(Headers headers) {
    if (headers == null) {
      return;
    }
    try {
      KafkaHeaderCarrier.write(headers, KafkaHeaderCarrier.currentFields(propagator.forMessage()));
    } catch (IllegalStateException readOnly) {
      // headers of a record already sent; nothing can be added
    }
  }
}
