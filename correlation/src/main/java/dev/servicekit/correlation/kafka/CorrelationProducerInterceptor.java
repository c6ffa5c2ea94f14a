package dev.servicekit.correlation.kafka;

import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.internal.MessagingPropagator;
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
 * <p>Created by Kafka from {@code interceptor.classes}, it reads {@code
 * servicekit.correlation.inbound} and {@code .trace-context} in {@link #configure}, where a bad
 * value fails the producer's construction with a {@link dev.servicekit.config.ConfigException}; a
 * client that takes interceptor instances can pass one with its own propagator instead. It never
 * fails a send: a record whose headers are read-only (sent before) is stamped on a copy.
 * Thread-safe.
 */
public final class CorrelationProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

  private final boolean configurable;
  private volatile MessagingPropagator propagator;

  /**
   * Created by the Kafka producer from {@code interceptor.classes}; reads its settings in {@link
   * #configure}. Until then it stamps with the process-wide default, as {@link KafkaCorrelation}
   * does.
   */
  public CorrelationProducerInterceptor() {
    this.configurable = true;
    this.propagator = MessagingPropagator.configured();
  }

  /**
   * An interceptor that always stamps with {@code propagator}; {@link #configure} reads nothing.
   *
   * @param propagator the propagator every record is stamped with
   * @throws NullPointerException when {@code propagator} is null
   */
  public CorrelationProducerInterceptor(CorrelationPropagator propagator) {
    this.configurable = false;
    this.propagator = MessagingPropagator.of(propagator);
  }

  @Override
  public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
    try {
      Map<String, String> fields = KafkaHeaderCarrier.currentFields(propagator.forMessage());
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

  /**
   * Reads the settings, once, for every record this interceptor stamps from now on.
   *
   * @throws dev.servicekit.config.ConfigException when {@code servicekit.correlation.inbound} or
   *     {@code .trace-context} has a bad value, so the producer fails to start
   */
  @Override
  public void configure(Map<String, ?> configs) {
    if (configurable) {
      propagator = MessagingPropagator.of(MessagingPropagator.configured().forWiring());
    }
  }
}
