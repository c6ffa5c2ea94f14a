package dev.servicekit.examples.logquery;

import static dev.servicekit.examples.logquery.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationSummaryTest {

  private static final List<LogEvent> EVENTS =
      List.of(
          event("2026-11-23T14:00:00.000Z", "orders", Level.INFO, "c-1", "a"),
          event("2026-11-23T14:00:00.010Z", "orders", Level.INFO, "c-2", "b"),
          event("2026-11-23T14:00:00.020Z", "inventory", Level.ERROR, "c-1", "c"),
          event("2026-11-23T14:00:00.050Z", "orders", Level.INFO, "c-1", "d"),
          event("2026-11-23T14:00:00.060Z", "orders", Level.INFO, "", "e"));

  @Test
  void aggregatesServicesLinesErrorsAndDurationPerId() {
    List<CorrelationSummary.Row> rows = CorrelationSummary.rows(EVENTS);

    assertThat(rows)
        .extracting(CorrelationSummary.Row::correlationId)
        .containsExactly("c-1", "c-2");
    CorrelationSummary.Row first = rows.get(0);
    assertThat(first.services()).containsExactly("orders", "inventory");
    assertThat(first.lines()).isEqualTo(3);
    assertThat(first.errors()).isEqualTo(1);
    assertThat(first.first()).contains(Instant.parse("2026-11-23T14:00:00.000Z"));
    assertThat(first.duration()).isEqualTo(Duration.ofMillis(50));
    assertThat(rows.get(1).duration()).isZero();
  }

  @Test
  void printsATableAndCountsLinesWithoutAnId() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CorrelationSummary.print(EVENTS, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            "correlation id  services          lines  errors  first                     duration",
            "c-1             orders,inventory      3       1  2026-11-23T14:00:00.000Z     50 ms",
            "c-2             orders                1       0  2026-11-23T14:00:00.010Z      0 ms",
            "2 correlation ids, 1 lines without one");
  }
}
