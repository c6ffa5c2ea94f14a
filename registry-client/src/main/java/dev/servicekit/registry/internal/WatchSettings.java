package dev.servicekit.registry.internal;

import java.time.Duration;

/**
 * How discovery watches a service ({@code servicekit.registry.watch.*}).
 *
 * @param queryWait how long the agent may hold a blocking query, 1s to 10m
 * @param minInterval the shortest time between two queries of one service
 * @param recoveryHold how long a service's last set is kept when the agent answers empty after an
 *     outage
 * @param firstAnswerTimeout how long the first call about a service waits for the agent's answer
 */
record WatchSettings(
    Duration queryWait, Duration minInterval, Duration recoveryHold, Duration firstAnswerTimeout) {

  /**
   * Reads the watch keys.
   *
   * @param checkInterval the agent's check interval; the recovery hold defaults to three of them
   */
  static WatchSettings read(RegistryKeys keys, Duration checkInterval) {
    Duration wait = keys.positive("watch.wait", Duration.ofSeconds(60));
    if (wait.compareTo(Duration.ofMinutes(10)) > 0 || wait.toMillis() < 1000) {
      throw keys.find("watch.wait")
          .orElseThrow()
          .error("a duration from 1s to 10m (Consul's limit)");
    }
    return new WatchSettings(
        wait,
        keys.duration("watch.min-interval", Duration.ofMillis(250)),
        keys.duration("watch.recovery-hold", checkInterval.multipliedBy(3)),
        keys.duration("watch.first-answer-timeout", Duration.ofSeconds(3)));
  }
}
