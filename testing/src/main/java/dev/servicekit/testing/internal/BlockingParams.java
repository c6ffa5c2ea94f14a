package dev.servicekit.testing.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The blocking-query and consistency parameters of a read, parsed and checked as Consul does.
 *
 * @param minIndex the {@code index} parameter, 0 when absent
 * @param waitTime how long to wait: {@code wait} (default 5m, at most 10m) plus up to 1/16 jitter
 */
record BlockingParams(long minIndex, Duration waitTime) {
  private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
  private static final Duration MAX_WAIT = Duration.ofMinutes(10);

  /**
   * Parses {@code index}, {@code wait}, {@code stale}/{@code consistent}, {@code dc} and rejects
   * {@code filter}.
   *
   * @param request the request
   * @param datacenter the agent's datacenter
   * @return the parameters
   * @throws ApiException 400 or 500 with Consul's messages
   */
  public static BlockingParams parse(ApiRequest request, String datacenter) {
    String dc = request.param("dc");
    if (dc != null && !dc.isEmpty() && !dc.equals(datacenter)) {
      throw new ApiException(500, "No path to datacenter");
    }
    if (request.has("stale") && request.has("consistent")) {
      throw ApiException.badRequest(
          "Cannot specify ?stale with ?consistent, conflicting semantics.");
    }
    Duration wait = Duration.ZERO;
    String rawWait = request.param("wait");
    if (rawWait != null) {
      try {
        wait = GoDuration.parse(rawWait);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("Invalid wait time");
      }
    }
    long index = 0;
    String rawIndex = request.param("index");
    if (rawIndex != null) {
      try {
        index = Long.parseUnsignedLong(rawIndex);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Invalid index");
      }
    }
    if (wait.isZero() || wait.isNegative()) {
      wait = DEFAULT_WAIT;
    }
    if (wait.compareTo(MAX_WAIT) > 0) {
      wait = MAX_WAIT;
    }
    long jitterBound = wait.toNanos() / 16;
    if (jitterBound > 0) {
      wait = wait.plusNanos(ThreadLocalRandom.current().nextLong(jitterBound));
    }
    return new BlockingParams(index, wait);
  }

  /**
   * The {@code System.nanoTime()} at which waiting ends.
   *
   * @return the deadline
   */
  public long deadlineNanos() {
    return System.nanoTime() + waitTime.toNanos();
  }
}
