package dev.servicekit.correlation.kafka;

import static dev.servicekit.correlation.brokers.Observed.TRACEPARENT;
import static dev.servicekit.correlation.brokers.Observed.TRACE_ID;
import static dev.servicekit.correlation.brokers.Observed.VALID_ID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.correlation.brokers.BadSetting;
import dev.servicekit.correlation.brokers.Observed;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

class KafkaCorrelationTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void idAndTraceparentSurvivePublishAndConsume() throws Exception {
    String topic = KAFKA.createTopic("roundtrip");
    try (KafkaProducer<String, String> producer = KAFKA.producer(true);
        Scope request = Observed.beginTraced("order-42")) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
    }
    ConsumerRecord<String, String> record = KAFKA.consume(topic, 1).get(0);

    Observed inside;
    try (Scope scope = KafkaCorrelation.open(record)) {
      inside = Observed.now();
    }

    assertThat(inside).isEqualTo(new Observed("order-42", "order-42", TRACE_ID, TRACE_ID));
    assertThat(MDC.get("correlation_id")).isNull();
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void eachRecordOfABatchRunsInItsOwnScope() throws Exception {
    String topic = KAFKA.createTopic("batch");
    List<String> ids = List.of("batch-a", "batch-b", "batch-c");
    try (KafkaProducer<String, String> producer = KAFKA.producer(true)) {
      for (String id : ids) {
        try (Scope request = Observed.beginTraced(id)) {
          producer.send(new ProducerRecord<>(topic, id, id));
        }
      }
      producer.flush();
    }

    List<String> seen = new ArrayList<>();
    List<String> seenInMdc = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = KAFKA.consumer(topic)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (seen.size() < ids.size() && System.nanoTime() < deadline) {
        KafkaCorrelation.forEach(
            consumer.poll(Duration.ofMillis(200)),
            record -> {
              Observed inside = Observed.now();
              assertThat(inside.id()).isEqualTo(record.value());
              seen.add(inside.id());
              seenInMdc.add(inside.mdcId());
            });
        assertThat(MDC.get("correlation_id")).isNull();
      }
    }

    assertThat(seen).isEqualTo(ids);
    assertThat(seenInMdc).isEqualTo(ids);
  }

  @Test
  void anExceptionFromTheBatchActionClosesTheRecordScope() {
    ConsumerRecord<String, String> record = recordWithCorrelationId("failing-1".getBytes(UTF_8));

    assertThatThrownBy(
            () ->
                KafkaCorrelation.forEach(
                    List.of(record),
                    r -> {
                      throw new IllegalStateException("handler failed");
                    }))
        .hasMessage("handler failed");
    assertThat(MDC.get("correlation_id")).isNull();
  }

  @Test
  void hostileHeaderValuesAreReplacedByAFreshId() throws Exception {
    byte[] tenKilobytes = new byte[10 * 1024];
    Arrays.fill(tenKilobytes, (byte) 'a');
    List<byte[]> hostile =
        List.of(
            "abc\r\nX-Injected: yes".getBytes(UTF_8),
            "abc\u0000def".getBytes(UTF_8),
            "abc\u0085def".getBytes(UTF_8),
            new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'},
            new byte[] {(byte) 0xFF, (byte) 0xFE},
            tenKilobytes,
            "a".repeat(129).getBytes(UTF_8),
            "".getBytes(UTF_8));
    String topic = KAFKA.createTopic("hostile");
    try (KafkaProducer<String, String> producer = KAFKA.producer(false)) {
      for (byte[] value : hostile) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("correlation_id", value);
        headers.add("traceparent", "00-not-a-trace-01".getBytes(UTF_8));
        producer.send(new ProducerRecord<>(topic, null, "k", "v", headers));
      }
      producer.flush();
    }

    List<Observed> observed = new ArrayList<>();
    for (ConsumerRecord<String, String> record : KAFKA.consume(topic, hostile.size())) {
      try (Scope scope = KafkaCorrelation.open(record)) {
        observed.add(Observed.now());
      }
    }

    assertThat(observed)
        .allSatisfy(
            inside -> {
              assertThat(inside.id()).matches(VALID_ID);
              assertThat(inside.id()).hasSizeLessThanOrEqualTo(36);
              assertThat(inside.mdcId()).isEqualTo(inside.id());
              assertThat(inside.traceId()).isEqualTo(TraceId.getInvalid());
            });
    assertThat(observed).extracting(Observed::id).doesNotHaveDuplicates();
    assertThat(MDC.get("correlation_id")).isNull();
  }

  @Test
  void theLastOfRepeatedHeadersWins() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation_id", "first".getBytes(UTF_8));
    headers.add("correlation_id", "second".getBytes(UTF_8));
    headers.add("traceparent", "garbage".getBytes(UTF_8));
    headers.add("traceparent", TRACEPARENT.getBytes(UTF_8));
    ConsumerRecord<String, String> record = record(headers);

    try (Scope scope = KafkaCorrelation.open(record)) {
      assertThat(Observed.now()).isEqualTo(new Observed("second", "second", TRACE_ID, TRACE_ID));
    }
  }

  @Test
  void aHostileLastHeaderIsNotRescuedByAnEarlierValidOne() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation_id", "valid-first".getBytes(UTF_8));
    headers.add("correlation_id", "bad\nlast".getBytes(UTF_8));

    try (Scope scope = KafkaCorrelation.open(record(headers))) {
      assertThat(Observed.now().id()).matches(VALID_ID).isNotEqualTo("valid-first");
    }
  }

  @Test
  void aRecordWithoutHeadersGetsAFreshId() {
    String first;
    String second;
    try (Scope scope = KafkaCorrelation.open(record(new RecordHeaders()))) {
      first = Observed.now().id();
    }
    try (Scope scope = KafkaCorrelation.open(null)) {
      second = Observed.now().id();
    }

    assertThat(first).matches(VALID_ID);
    assertThat(second).matches(VALID_ID).isNotEqualTo(first);
  }

  @Test
  void injectReplacesEarlierValuesAndSkipsReadOnlyHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation_id", "stale".getBytes(UTF_8));
    RecordHeaders readOnly = new RecordHeaders();
    readOnly.setReadOnly();

    try (Scope request = Observed.beginTraced("fresh-1")) {
      KafkaCorrelation.inject(headers);
      KafkaCorrelation.inject(readOnly);
      KafkaCorrelation.inject(null);
    }

    assertThat(headers.headers("correlation_id"))
        .extracting(h -> new String(h.value(), UTF_8))
        .containsExactly("fresh-1");
    assertThat(new String(headers.lastHeader("traceparent").value(), UTF_8)).isEqualTo(TRACEPARENT);
    assertThat(readOnly.toArray()).isEmpty();
  }

  @Test
  void aBadSettingNeverFailsOpeningOrStamping() throws Exception {
    String topic = KAFKA.createTopic("bad-setting");
    try (BadSetting bad = BadSetting.publish()) {
      try (KafkaProducer<String, String> producer = KAFKA.producer(false);
          Scope request = Observed.beginTraced("order-13")) {
        RecordHeaders headers = new RecordHeaders();
        KafkaCorrelation.inject(headers);
        producer
            .send(new ProducerRecord<>(topic, null, "k", "v", headers))
            .get(30, TimeUnit.SECONDS);
      }
      List<Observed> observed = new ArrayList<>();

      KafkaCorrelation.forEach(KAFKA.consume(topic, 1), record -> observed.add(Observed.now()));

      assertThat(observed)
          .containsExactly(new Observed("order-13", "order-13", TRACE_ID, TRACE_ID));
    }
  }

  private static ConsumerRecord<String, String> recordWithCorrelationId(byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation_id", value);
    return record(headers);
  }

  static ConsumerRecord<String, String> record(RecordHeaders headers) {
    return new ConsumerRecord<>(
        "topic", 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, "k", "v", headers, Optional.empty());
  }
}
