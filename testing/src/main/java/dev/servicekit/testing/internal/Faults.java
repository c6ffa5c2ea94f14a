package dev.servicekit.testing.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Faults injected into the agent's HTTP answers: latency and error responses. Thread-safe. */
public final class Faults {
  private record Rule(Pattern path, ApiResponseTemplate answer) {}

  /**
   * An injected error answer.
   *
   * @param status the HTTP status
   * @param body the plain-text body
   */
  public record ApiResponseTemplate(int status, String body) {}

  private volatile Duration latency = Duration.ZERO;
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile ApiResponseTemplate failNextAnswer = new ApiResponseTemplate(500, "");
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private volatile boolean leaderless;

  /**
   * Sets whether the cluster has no leader (its servers are gone).
   *
   * @param value true while there is no leader
   */
  public void leaderless(boolean value) {
    leaderless = value;
  }

  /**
   * Whether the cluster has no leader.
   *
   * @return true while there is no leader
   */
  public boolean leaderless() {
    return leaderless;
  }

  /**
   * Delays every answer.
   *
   * @param delay the delay, zero for none
   */
  public void latency(Duration delay) {
    this.latency = delay;
  }

  /**
   * The current delay.
   *
   * @return the delay
   */
  public Duration latency() {
    return latency;
  }

  /**
   * Makes the next requests fail.
   *
   * @param count how many
   * @param status their status
   * @param body their body
   */
  public void failNext(int count, int status, String body) {
    failNextAnswer = new ApiResponseTemplate(status, body);
    failNext.set(count);
  }

  /**
   * Makes every request whose path matches fail until cleared.
   *
   * @param path a regular expression matched against the whole path
   * @param status their status
   * @param body their body
   */
  public void failMatching(Pattern path, int status, String body) {
    rules.add(new Rule(path, new ApiResponseTemplate(status, body)));
  }

  /** Removes every fault. */
  public void clear() {
    latency = Duration.ZERO;
    failNext.set(0);
    rules.clear();
  }

  /**
   * The injected answer for a request, if any (consumes one of the "next N").
   *
   * @param path the request path
   * @return the answer, or null to handle the request normally
   */
  public ApiResponseTemplate injected(String path) {
    while (true) {
      int left = failNext.get();
      if (left <= 0) {
        break;
      }
      if (failNext.compareAndSet(left, left - 1)) {
        return failNextAnswer;
      }
    }
    for (Rule r : rules) {
      if (r.path().matcher(path).matches()) {
        return r.answer();
      }
    }
    return null;
  }
}
