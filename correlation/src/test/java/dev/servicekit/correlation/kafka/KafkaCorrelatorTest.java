package dev.servicekit.correlation.kafka;

import static dev.servicekit.correlation.brokers.Observed.VALID_ID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.brokers.BadSetting;
import dev.servicekit.correlation.brokers.Observed;
import dev.servicekit.correlation.brokers.Propagators;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaCorrelatorTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void aCorrelatorWritesAndReadsWhatItsPropagatorSays() throws Exception {
    KafkaCorrelator kafka = KafkaCorrelation.using(Propagators.ID_ONLY);
    String topic = KAFKA.createTopic("correlator");
    try (KafkaProducer<String, String> producer = KAFKA.producer(false);
        Scope request = Observed.beginTraced("order-77")) {
      RecordHeaders headers = new RecordHeaders();
      kafka.inject(headers);
      producer.send(new ProducerRecord<>(topic, null, "k", "v", headers)).get(30, TimeUnit.SECONDS);
    }
    ConsumerRecord<String, String> record = KAFKA.consume(topic, 1).get(0);

    List<Observed> inside = new ArrayList<>();
    kafka.forEach(List.of(record), r -> inside.add(Observed.now()));

    assertThat(new String(record.headers().lastHeader("correlation_id").value(), UTF_8))
        .isEqualTo("order-77");
    assertThat(record.headers().lastHeader("traceparent")).isNull();
    assertThat(inside)
        .containsExactly(new Observed("order-77", "order-77", TraceId.getInvalid(), null));
  }

  @Test
  void openingARecordUsesTheCorrelatorsPropagator() throws Exception {
    String topic = KAFKA.createTopic("correlator-ignoring");
    try (KafkaProducer<String, String> producer = KAFKA.producer(true);
        Scope request = Observed.beginTraced("order-78")) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
    }
    ConsumerRecord<String, String> record = KAFKA.consume(topic, 1).get(0);

    Observed inside;
    try (Scope scope = KafkaCorrelation.using(Propagators.IGNORING_INBOUND).open(record)) {
      inside = Observed.now();
    }

    assertThat(new String(record.headers().lastHeader("correlation_id").value(), UTF_8))
        .isEqualTo("order-78");
    assertThat(inside.id()).matches(VALID_ID).isNotEqualTo("order-78");
    assertThat(inside.mdcId()).isEqualTo(inside.id());
  }

  @Test
  void aCorrelatorWithItsOwnPropagatorIgnoresABadConfiguration() {
    RecordHeaders headers = new RecordHeaders();
    Observed inside;
    try (BadSetting bad = BadSetting.publish()) {
      KafkaCorrelator kafka = KafkaCorrelation.using(Propagators.ID_ONLY);
      try (Scope request = Observed.beginTraced("order-79")) {
        kafka.inject(headers);
      }
      try (Scope scope = kafka.open(KafkaCorrelationTest.record(headers))) {
        inside = Observed.now();
      }
    }

    assertThat(headers.lastHeader("traceparent")).isNull();
    assertThat(inside.id()).isEqualTo("order-79");
  }

  @Test
  void aCorrelatorFromABadConfigurationFailsWhereItIsWired() {
    try (BadSetting bad = BadSetting.publish()) {
      assertThatThrownBy(() -> KafkaCorrelation.using(CorrelationPropagator.messaging()))
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
    }
    assertThatThrownBy(() -> KafkaCorrelation.using(null)).isInstanceOf(NullPointerException.class);
  }
}
