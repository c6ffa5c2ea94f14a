package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryOptionsTest {

  @Test
  void readsEveryOption() {
    QueryOptions o =
        QueryOptions.parse(
            List.of(
                "--id",
                "c-1",
                "-s",
                "Orders,inventory",
                "--service=shipping",
                "-l",
                "warning",
                "--since",
                "2026-11-23T14:00:00Z",
                "--until=2026-11-23T15:00:00Z",
                "--summary",
                "-q",
                "logs",
                "-"));

    assertThat(o.id()).contains("c-1");
    assertThat(o.services()).containsExactlyInAnyOrder("orders", "inventory", "shipping");
    assertThat(o.minimumLevel()).contains(Level.WARN);
    assertThat(o.since()).contains(Instant.parse("2026-11-23T14:00:00Z"));
    assertThat(o.until()).contains(Instant.parse("2026-11-23T15:00:00Z"));
    assertThat(o.mode()).isEqualTo(QueryOptions.Mode.SUMMARY);
    assertThat(o.quiet()).isTrue();
    assertThat(o.inputs()).containsExactly("logs", "-");
  }

  @Test
  void defaultsToATimelineOfStandardInput() {
    QueryOptions o = QueryOptions.parse(List.of());

    assertThat(o.mode()).isEqualTo(QueryOptions.Mode.TIMELINE);
    assertThat(o.id()).isEmpty();
    assertThat(o.inputs()).isEmpty();
  }

  @Test
  void treatsEverythingAfterDoubleDashAsInputs() {
    assertThat(QueryOptions.parse(List.of("--", "--json")).inputs()).containsExactly("--json");
  }

  @Test
  void rejectsSummaryTogetherWithJson() {
    assertThatThrownBy(() -> QueryOptions.parse(List.of("--summary", "--json")))
        .hasMessageContaining("cannot be combined");
  }

  @Test
  void writesABashCompletionScriptNamingEveryOption() {
    assertThat(QueryOptions.parse(List.of("--completion")).mode())
        .isEqualTo(QueryOptions.Mode.COMPLETION);
    assertThat(QueryOptions.completion()).contains("complete -F").contains("--summary", "--since");
  }

  @Test
  void rejectsBadCommandLinesWithAReason() {
    assertThatThrownBy(() -> QueryOptions.parse(List.of("--level", "loud")))
        .hasMessageContaining("unknown level 'loud'");
    assertThatThrownBy(() -> QueryOptions.parse(List.of("--since", "noon")))
        .hasMessageContaining("not an ISO-8601 time");
    assertThatThrownBy(() -> QueryOptions.parse(List.of("--id")))
        .hasMessageContaining("Missing required parameter for option");
    assertThatThrownBy(() -> QueryOptions.parse(List.of("--frobnicate")))
        .hasMessageContaining("Unknown option: '--frobnicate'");
    assertThatThrownBy(
            () ->
                QueryOptions.parse(
                    List.of("--since", "2026-11-23T15:00:00Z", "--until", "2026-11-23T14:00:00Z")))
        .hasMessageContaining("--since must be before --until");
  }
}
