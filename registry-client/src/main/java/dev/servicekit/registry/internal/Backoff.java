package dev.servicekit.registry.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: the n-th consecutive failure waits a random time between
 * half and all of {@code min(max, initial * 2^n)}, so that many instances do not retry in step.
 */
final class Backoff {

  private final long initialNanos;
  private final long maxNanos;

  Backoff(Duration initial, Duration max) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = Math.max(initialNanos, max.toNanos());
  }

  /** The delay before retry number {@code failures} (1 after the first failure). */
  Duration delay(int failures) {
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    long ceiling = initialNanos << shift;
    if (ceiling <= 0 || ceiling > maxNanos || (ceiling >> shift) != initialNanos) {
      ceiling = maxNanos;
    }
    long half = ceiling / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }
}
