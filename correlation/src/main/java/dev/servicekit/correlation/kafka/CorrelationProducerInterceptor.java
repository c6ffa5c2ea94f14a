package dev.servicekit.correlation.kafka;

import dev.servicekit.correlation.CorrelationPropagator;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A Kafka {@link ProducerInterceptor} that stamps every record with the correlation current on the
 * thread calling {@code send}: headers {@code correlation_id}, {@code traceparent}, {@code
 * tracestate} and {@code baggage}, replacing earlier values of the same names.
 *
 * <pre>{@code
 * props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
 *     CorrelationProducerInterceptor.class.getName());
 * }</pre>
 *
 * <p>It never fails a send: a record whose headers are read-only (sent before) is stamped on a
 * copy. Stateless and thread-safe.
 */
public final class CorrelationProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

  private final CorrelationPropagator propagator;

  /**
   * Created by the Kafka producer from {@code interceptor.classes}.
   *
   * @throws IllegalArgumentException when {@code servicekit.correlation.inbound} or {@code
   *     .trace-context} has a bad value, so the producer fails to start
   */
  public CorrelationProducerInterceptor() {
    this.propagator = KafkaHeaderCarrier.propagator();
  }

  @Override
  public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
    try {
      Map<String, String> fields = KafkaHeaderCarrier.currentFields(propagator);
      if (fields.isEmpty()) {
        return record;
      }
      if (record.headers() instanceof RecordHeaders
          && ((RecordHeaders) record.headers()).isReadOnly()) {
        return stampedCopy(record, fields);
      }
      KafkaHeaderCarrier.write(record.headers(), fields);
      return record;
    } catch (RuntimeException e) {
      // a correlation problem must never fail the application's send
      return record;
    }
  }

  private static <K, V> ProducerRecord<K, V> stampedCopy(
      ProducerRecord<K, V> record, Map<String, String> fields) {
    ProducerRecord<K, V> copy =
        new ProducerRecord<>(
            record.topic(),
            record.partition(),
            record.timestamp(),
            record.key(),
            record.value(),
            new RecordHeaders(record.headers().toArray()));
    KafkaHeaderCarrier.write(copy.headers(), fields);
    return copy;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
