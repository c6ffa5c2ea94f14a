package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void growsExponentiallyWithJitterBetweenHalfAndFull() {
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }
  }

  @Test
  void isCappedAtTheMaximumEvenAfterManyFailures() {
    for (int failures : new int[] {6, 10, 31, 64, 1000, Integer.MAX_VALUE}) {
      assertThat(backoff.delay(failures)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  @Test
  void spreadsRetriesOfManyInstances() {
    long distinct =
        java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(5)).distinct().count();
    assertThat(distinct).isGreaterThan(10);
  }
}
