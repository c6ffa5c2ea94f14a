package dev.servicekit.correlation.kafka;

import static dev.servicekit.correlation.brokers.Observed.TRACEPARENT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.correlation.brokers.BadSetting;
import dev.servicekit.correlation.brokers.Observed;
import dev.servicekit.correlation.brokers.Propagators;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CorrelationProducerInterceptorTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void stampsTheCurrentCorrelationAsUtf8HeadersThroughInterceptorClasses() throws Exception {
    String topic = KAFKA.createTopic("stamped");
    try (KafkaProducer<String, String> producer = KAFKA.producer(true);
        Scope request = Observed.beginTraced("order-7")) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
    }

    Headers headers = KAFKA.consume(topic, 1).get(0).headers();

    assertThat(values(headers, "correlation_id")).containsExactly("order-7");
    assertThat(values(headers, "traceparent")).containsExactly(TRACEPARENT);
  }

  @Test
  void replacesHeadersTheApplicationAlreadySet() throws Exception {
    String topic = KAFKA.createTopic("replaced");
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation_id", "stale-1".getBytes(UTF_8));
    headers.add("correlation_id", "stale-2".getBytes(UTF_8));
    headers.add("business", "kept".getBytes(UTF_8));
    try (KafkaProducer<String, String> producer = KAFKA.producer(true);
        Scope request = Observed.beginTraced("order-8")) {
      producer.send(new ProducerRecord<>(topic, null, "k", "v", headers)).get(30, TimeUnit.SECONDS);
    }

    ConsumerRecord<String, String> record = KAFKA.consume(topic, 1).get(0);

    assertThat(values(record.headers(), "correlation_id")).containsExactly("order-8");
    assertThat(values(record.headers(), "business")).containsExactly("kept");
  }

  @Test
  void stampsACopyWhenTheRecordWasSentBefore() {
    RecordHeaders sentBefore = new RecordHeaders();
    sentBefore.add("business", "kept".getBytes(UTF_8));
    sentBefore.setReadOnly();
    ProducerRecord<String, String> record =
        new ProducerRecord<>("topic", 3, 1234L, "k", "v", sentBefore);
    CorrelationProducerInterceptor<String, String> interceptor =
        new CorrelationProducerInterceptor<>();

    ProducerRecord<String, String> stamped;
    try (Scope request = Observed.beginTraced("order-9")) {
      stamped = interceptor.onSend(record);
    }

    assertThat(values(stamped.headers(), "correlation_id")).containsExactly("order-9");
    assertThat(values(stamped.headers(), "business")).containsExactly("kept");
    assertThat(stamped.topic()).isEqualTo("topic");
    assertThat(stamped.partition()).isEqualTo(3);
    assertThat(stamped.timestamp()).isEqualTo(1234L);
    assertThat(stamped.key()).isEqualTo("k");
    assertThat(stamped.value()).isEqualTo("v");
    assertThat(sentBefore.toArray()).hasSize(1);
  }

  @Test
  void aBadSettingFailsTheProducersConstructionInConfigsFormat() {
    try (BadSetting bad = BadSetting.publish()) {
      assertThatThrownBy(() -> KAFKA.producer(true).close())
          .isInstanceOf(KafkaException.class)
          .cause()
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
      assertThatThrownBy(() -> new CorrelationProducerInterceptor<>().configure(Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
    }
  }

  @Test
  void aBadSettingNeverFailsASend() throws Exception {
    String topic = KAFKA.createTopic("bad-later");
    try (KafkaProducer<String, String> producer = KAFKA.producer(true)) {
      try (BadSetting bad = BadSetting.publish();
          Scope request = Observed.beginTraced("order-10")) {
        producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
      }
    }
    ProducerRecord<String, String> unconfigured;
    try (BadSetting bad = BadSetting.publish();
        Scope request = Observed.beginTraced("order-11")) {
      unconfigured =
          new CorrelationProducerInterceptor<String, String>()
              .onSend(new ProducerRecord<>("topic", "k", "v"));
    }

    Headers sent = KAFKA.consume(topic, 1).get(0).headers();
    assertThat(values(sent, "correlation_id")).containsExactly("order-10");
    assertThat(values(sent, "traceparent")).containsExactly(TRACEPARENT);
    assertThat(values(unconfigured.headers(), "correlation_id")).containsExactly("order-11");
  }

  @Test
  void anInterceptorWithItsOwnPropagatorReadsNoSettings() {
    CorrelationProducerInterceptor<String, String> interceptor =
        new CorrelationProducerInterceptor<>(Propagators.ID_ONLY);
    ProducerRecord<String, String> stamped;
    try (BadSetting bad = BadSetting.publish();
        Scope request = Observed.beginTraced("order-12")) {
      interceptor.configure(Map.of());
      stamped = interceptor.onSend(new ProducerRecord<>("topic", "k", "v"));
    }

    assertThat(values(stamped.headers(), "correlation_id")).containsExactly("order-12");
    assertThat(values(stamped.headers(), "traceparent")).isEmpty();
    assertThatThrownBy(() -> new CorrelationProducerInterceptor<String, String>(null))
        .isInstanceOf(NullPointerException.class);
  }

  private static List<String> values(Headers headers, String key) {
    List<String> values = new ArrayList<>();
    for (Header header : headers.headers(key)) {
      values.add(new String(header.value(), UTF_8));
    }
    return values;
  }
}
