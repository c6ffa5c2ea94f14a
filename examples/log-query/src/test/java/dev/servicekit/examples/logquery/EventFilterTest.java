package dev.servicekit.examples.logquery;

import static dev.servicekit.examples.logquery.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  private static EventFilter filter(String... args) {
    return new EventFilter(QueryOptions.parse(List.of(args)));
  }

  @Test
  void keepsEverythingWithoutCriteria() {
    assertThat(filter().test(event(null, "orders", Level.UNKNOWN, "", "m"))).isTrue();
  }

  @Test
  void matchesTheIdAgainstCorrelationAndTraceIds() {
    LogEvent byTrace =
        new LogEvent(
            Optional.of(Instant.parse("2026-11-23T14:00:00Z")),
            Level.INFO,
            "orders",
            "",
            "",
            "m",
            "c-9",
            "4BF9",
            "",
            "f",
            1,
            "{}");

    assertThat(filter("--id", "c-9").test(byTrace)).isTrue();
    assertThat(filter("--id", "4bf9").test(byTrace)).isTrue();
    assertThat(filter("--id", "c-1").test(byTrace)).isFalse();
  }

  @Test
  void filtersByServiceIgnoringCase() {
    assertThat(filter("-s", "orders").test(event(null, "Orders", Level.INFO, "", "m"))).isTrue();
    assertThat(filter("-s", "orders").test(event(null, "inventory", Level.INFO, "", "m")))
        .isFalse();
  }

  @Test
  void filtersByMinimumLevel() {
    assertThat(filter("-l", "WARN").test(event(null, "a", Level.ERROR, "", "m"))).isTrue();
    assertThat(filter("-l", "WARN").test(event(null, "a", Level.INFO, "", "m"))).isFalse();
  }

  @Test
  void keepsSinceInclusiveAndUntilExclusiveAndDropsUntimedLines() {
    EventFilter f = filter("--since", "2026-11-23T14:00:00Z", "--until", "2026-11-23T14:01:00Z");

    assertThat(f.test(event("2026-11-23T14:00:00Z", "a", Level.INFO, "", "m"))).isTrue();
    assertThat(f.test(event("2026-11-23T14:01:00Z", "a", Level.INFO, "", "m"))).isFalse();
    assertThat(f.test(event("2026-11-23T13:59:59.999Z", "a", Level.INFO, "", "m"))).isFalse();
    assertThat(f.test(event(null, "a", Level.INFO, "", "m"))).isFalse();
  }
}
