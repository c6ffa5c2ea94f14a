package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final Faults faults = new Faults();

  @Test
  void failNextConsumesExactlyNRequests() {
    faults.failNext(2, 500, "boom");
    assertThat(faults.injected("/a")).isEqualTo(new Faults.ApiResponseTemplate(500, "boom"));
    assertThat(faults.injected("/b")).isNotNull();
    assertThat(faults.injected("/c")).isNull();
  }

  @Test
  void pathRulesMatchTheWholePathUntilCleared() {
    faults.failMatching(Pattern.compile("/v1/health/.*"), 503, "x");
    assertThat(faults.injected("/v1/health/service/a")).isNotNull();
    assertThat(faults.injected("/prefix/v1/health/service/a")).isNull();
    faults.latency(Duration.ofSeconds(1));
    faults.clear();
    assertThat(faults.injected("/v1/health/service/a")).isNull();
    assertThat(faults.latency()).isZero();
  }
}
