package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogScanTest {

  private static final InputStream NO_STDIN = InputStream.nullInputStream();

  @Test
  void ordersInterleavedLinesByTimeAndCountsWhatItSkipped() throws IOException {
    LogScan.Result result =
        LogScan.scan(
            LogSources.expand(List.of(Fixtures.path("mixed/interleaved.log").toString())),
            NO_STDIN,
            e -> true);

    assertThat(result.events())
        .extracting(LogEvent::message)
        .containsExactly(
            "order received: 1 x bolt",
            "reserved 1 x nut",
            "order received: 1 x nut",
            "reserved 1 x bolt",
            "no correlation here");
    assertThat(result.stats()).isEqualTo(new LogScan.Stats(1, 8, 5, 0, 2, 1, 5));
  }

  @Test
  void mergesSeveralFilesIntoOneTimeOrder() throws IOException {
    LogScan.Result result =
        LogScan.scan(
            LogSources.expand(List.of(Fixtures.path("ecs").toString())),
            NO_STDIN,
            e -> e.correlationId().equals("c-0001"));

    assertThat(result.events())
        .extracting(LogEvent::service)
        .containsExactly(
            "orders", "inventory", "orders", "orders", "shipping", "shipping", "shipping");
    assertThat(result.stats().sources()).isEqualTo(3);
    assertThat(result.stats().notJson()).isEqualTo(3);
    assertThat(result.stats().malformed()).isEqualTo(1);
    assertThat(result.stats().blank()).isEqualTo(1);
  }

  @Test
  void readsStandardInputAndReplacesUndecodableBytes() throws IOException {
    byte[] bytes =
        "{\"message\":\"caf\u00e9 \",\"correlation_id\":\"c\"}\n{\"message\":\"x"
            .getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 1] = (byte) 0xff;

    LogScan.Result result =
        LogScan.scan(List.of(LogSources.Source.STDIN), new ByteArrayInputStream(bytes), e -> true);

    assertThat(result.events()).extracting(LogEvent::message).containsExactly("café ");
    assertThat(result.events().get(0).service()).isEqualTo("-");
    assertThat(result.stats().malformed()).isEqualTo(1);
  }

  @Test
  void linesWithoutTimestampComeLastInReadingOrder() throws IOException {
    byte[] bytes =
        ("{\"message\":\"untimed-1\"}\n"
                + "{\"@timestamp\":\"2026-11-23T14:00:01Z\",\"message\":\"late\"}\n"
                + "{\"message\":\"untimed-2\"}\n"
                + "{\"@timestamp\":\"2026-11-23T14:00:00Z\",\"message\":\"early\"}\n")
            .getBytes(StandardCharsets.UTF_8);

    LogScan.Result result =
        LogScan.scan(List.of(LogSources.Source.STDIN), new ByteArrayInputStream(bytes), e -> true);

    assertThat(result.events())
        .extracting(LogEvent::message)
        .containsExactly("early", "late", "untimed-1", "untimed-2");
  }
}
