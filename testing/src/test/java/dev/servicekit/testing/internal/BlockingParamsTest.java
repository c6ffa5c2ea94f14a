package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockingParamsTest {
  private static BlockingParams parse(String query) {
    return BlockingParams.parse(
        ApiRequest.of("GET", "/v1/health/service/a", query, Map.<String, String>of()::get, ""),
        "dc1");
  }

  @Test
  void waitDefaultsToFiveMinutesPlusAtMostOneSixteenthJitter() {
    BlockingParams p = parse("index=7");
    assertThat(p.minIndex()).isEqualTo(7);
    assertThat(p.waitTime())
        .isBetween(
            Duration.ofMinutes(5), Duration.ofMinutes(5).plus(Duration.ofMinutes(5).dividedBy(16)));
  }

  @Test
  void waitIsCappedAtTenMinutes() {
    assertThat(parse("index=1&wait=1h").waitTime())
        .isBetween(
            Duration.ofMinutes(10),
            Duration.ofMinutes(10).plus(Duration.ofMinutes(10).dividedBy(16)));
  }

  @Test
  void explicitWaitIsKept() {
    assertThat(parse("index=1&wait=16s").waitTime())
        .isBetween(Duration.ofSeconds(16), Duration.ofSeconds(17));
    assertThat(parse("").minIndex()).isZero();
  }

  @Test
  void rejectsBadParametersWithConsulsMessages() {
    assertThatThrownBy(() -> parse("index=-1")).hasMessage("Invalid index");
    assertThatThrownBy(() -> parse("wait=forever")).hasMessage("Invalid wait time");
    assertThatThrownBy(() -> parse("stale&consistent"))
        .hasMessage("Cannot specify ?stale with ?consistent, conflicting semantics.");
    assertThatThrownBy(() -> parse("dc=dc2")).hasMessage("No path to datacenter");
  }
}
