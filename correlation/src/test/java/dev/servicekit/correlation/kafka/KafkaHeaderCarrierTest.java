package dev.servicekit.correlation.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.correlation.internal.MessageValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KafkaHeaderCarrierTest {

  @Test
  void readsTheLastValueAsUtf8() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("k", "first".getBytes(UTF_8));
    headers.add("k", "zweit\u00e9".getBytes(UTF_8));

    assertThat(KafkaHeaderCarrier.read(headers, "k")).isEqualTo("zweit\u00e9");
  }

  @Test
  void decodesMalformedUtf8AsReplacementCharacters() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("k", new byte[] {'a', (byte) 0xC3, (byte) 0x28});

    assertThat(KafkaHeaderCarrier.read(headers, "k")).isEqualTo("a\uFFFD(");
  }

  @Test
  void treatsOversizedNullAndMissingValuesAsAbsent() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("big", new byte[MessageValues.MAX_LENGTH + 1]);
    headers.add("edge", new byte[MessageValues.MAX_LENGTH]);
    headers.add("null", null);

    assertThat(KafkaHeaderCarrier.read(headers, "big")).isNull();
    assertThat(KafkaHeaderCarrier.read(headers, "edge")).hasSize(MessageValues.MAX_LENGTH);
    assertThat(KafkaHeaderCarrier.read(headers, "null")).isNull();
    assertThat(KafkaHeaderCarrier.read(headers, "missing")).isNull();
    assertThat(KafkaHeaderCarrier.read(null, "k")).isNull();
  }

  @Test
  void writeLeavesExactlyOneValuePerField() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation_id", "old-1".getBytes(UTF_8));
    headers.add("correlation_id", "old-2".getBytes(UTF_8));
    headers.add("other", "x".getBytes(UTF_8));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("correlation_id", "new");

    KafkaHeaderCarrier.write(headers, fields);

    assertThat(headers.headers("correlation_id"))
        .extracting(h -> new String(h.value(), UTF_8))
        .containsExactly("new");
    assertThat(headers.lastHeader("other")).isNotNull();
  }
}
