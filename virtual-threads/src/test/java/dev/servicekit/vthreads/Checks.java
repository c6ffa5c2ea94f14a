package dev.servicekit.vthreads;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Problems found by one scenario, collected from many threads; the first few are kept. */
final class Checks {

  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();

  /** Records a problem unless {@code expected} equals {@code actual}. */
  void same(String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      problem(what + ": expected " + expected + " but was " + actual);
    }
  }

  /** Records a problem unless {@code condition} holds. */
  void that(String what, boolean condition) {
    if (!condition) {
      problem(what);
    }
  }

  void problem(String text) {
    if (count.incrementAndGet() <= 5) {
      problems.add(text.replace('\n', ' '));
    }
  }

  int count() {
    return count.get();
  }

  /** The first problems, {@code |}-separated, or {@code none}. */
  String summary() {
    return problems.isEmpty() ? "none" : String.join(" | ", problems);
  }
}
