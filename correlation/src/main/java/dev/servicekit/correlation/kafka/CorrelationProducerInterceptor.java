package dev.servicekit.correlation.kafka;

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

  /** Created by the Kafka producer from {@code interceptor.classes}. */
  public CorrelationProducerInterceptor() {}

  @Override
  public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
    Map<String, String> fields = KafkaHeaderCarrier.currentFields();
    if (fields.isEmpty()) {
      return record;
    }
    try {
      KafkaHeaderCarrier.write(record.headers(), fields);
      return record;
    } catch (IllegalStateException readOnly) {
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
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
