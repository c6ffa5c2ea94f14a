package dev.servicekit.examples.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillOptionsTest {

  private static final Path EXAMPLES = Path.of("examples");
  private static final Path WORK = Path.of("work");

  private static DrillOptions parse(String... args) {
    return DrillOptions.parse(List.of(args), EXAMPLES, WORK);
  }

  @Test
  void defaultsAreTwentyOrdersASecondForFifteenSecondsPerDrill() {
    DrillOptions o = parse();

    assertThat(o.rate()).isEqualTo(20);
    assertThat(o.orders()).isEqualTo(300);
    assertThat(o.traffic()).isEqualTo(Duration.ofSeconds(15));
    assertThat(o.drills()).containsExactly(1, 2, 3, 4, 5);
    assertThat(o.examplesDir()).isEqualTo(EXAMPLES);
    assertThat(o.workDir()).isEqualTo(WORK);
  }

  @Test
  void readsEveryOption() {
    DrillOptions o =
        parse(
            "--rate",
            "10",
            "--orders",
            "200",
            "--outage",
            "2s",
            "--latency",
            "1500ms",
            "--fault-period",
            "3s",
            "--startup-timeout",
            "1m",
            "--drills",
            "5,1",
            "--examples-dir",
            "/x",
            "--work-dir",
            "/y");

    assertThat(o.rate()).isEqualTo(10);
    assertThat(o.orders()).isEqualTo(200);
    assertThat(o.outage()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.latency()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.faultPeriod()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.startupTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.drills()).containsExactly(1, 5);
    assertThat(o.examplesDir()).isEqualTo(Path.of("/x"));
    assertThat(o.workDir()).isEqualTo(Path.of("/y"));
  }

  @Test
  void rejectsARateOutsideOneToAHundred() {
    assertThatThrownBy(() -> parse("--rate", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--rate 0: must be between 1 and 100");
    assertThatThrownBy(() -> parse("--rate", "101", "--orders", "5000"))
        .hasMessage("--rate 101: must be between 1 and 100");
  }

  @Test
  void rejectsAnOrderCountOutsideItsRange() {
    assertThatThrownBy(() -> parse("--orders", "9"))
        .hasMessage("--orders 9: must be between 10 and 10000");
    assertThatThrownBy(() -> parse("--orders", "10001"))
        .hasMessage("--orders 10001: must be between 10 and 10000");
  }

  @Test
  void rejectsTrafficTooShortForTheFaultsAndSaysHowManyOrdersAreNeeded() {
    assertThatThrownBy(() -> parse("--orders", "100"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--orders 100 at --rate 20/s is 5.0 s of traffic per drill")
        .hasMessageContaining("the drills need 15 s")
        .hasMessageContaining("raise --orders to at least 300");
  }

  @Test
  void rejectsDurationsOutsideTheirRanges() {
    assertThatThrownBy(() -> parse("--outage", "500ms"))
        .hasMessage("--outage 500ms: must be between 1000ms and 60000ms");
    assertThatThrownBy(() -> parse("--latency", "31s"))
        .hasMessage("--latency 31000ms: must be between 1000ms and 30000ms");
    assertThatThrownBy(() -> parse("--fault-period", "0s"))
        .hasMessage("--fault-period 0ms: must be between 1000ms and 60000ms");
    assertThatThrownBy(() -> parse("--startup-timeout", "5s"))
        .hasMessage("--startup-timeout 5000ms: must be between 10000ms and 600000ms");
  }

  @Test
  void rejectsMalformedValuesNamingTheOption() {
    assertThatThrownBy(() -> parse("--rate", "fast"))
        .hasMessage("--rate fast: expected a whole number");
    assertThatThrownBy(() -> parse("--outage", "3 seconds"))
        .hasMessage("--outage 3 seconds: expected a duration such as 500ms, 3s or 1m");
    assertThatThrownBy(() -> parse("--outage", "-1s"))
        .hasMessage("--outage -1s: expected a duration such as 500ms, 3s or 1m");
  }

  @Test
  void rejectsUnknownDrillsUnknownOptionsAndMissingValues() {
    assertThatThrownBy(() -> parse("--drills", "1,6"))
        .hasMessage("--drills 6: must be between 1 and 5");
    assertThatThrownBy(() -> parse("--drills", "1,,2"))
        .hasMessage("--drills : expected a whole number");
    assertThatThrownBy(() -> parse("--speed", "3"))
        .hasMessage("unknown option --speed (try --help)");
    assertThatThrownBy(() -> parse("--rate")).hasMessage("--rate: missing value (try --help)");
  }
}
