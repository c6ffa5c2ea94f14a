package dev.servicekit.examples.drills;

import java.util.List;
import java.util.Locale;

/**
 * What one drill measured, and the bounds it was held to.
 *
 * @param number the drill's number, 1..5
 * @param title what the drill does
 * @param stats the figures every drill reports
 * @param targets the drill's bounds with what was measured
 * @param notes observations worth a line of their own
 */
record DrillResult(
    int number, String title, Stats stats, List<Target> targets, List<String> notes) {

  /** Whether every target was met. */
  boolean passed() {
    return targets.stream().allMatch(Target::met);
  }

  /**
   * The figures every drill reports.
   *
   * @param sent orders sent
   * @param succeeded orders answered 201
   * @param failed orders answered otherwise or not at all
   * @param duplicated placed orders shipping scheduled more than once
   * @param longestFailureRun seconds from the first to the last answer of the longest run of
   *     consecutive failed orders
   * @param backToNormal seconds from the fault until the last failed order and the system healthy
   *     again (every instance the drill expects registered and passing)
   * @param logLinesLost expected lines (per placed order, per service) not in the log files
   * @param logLinesInvalid lines in any log file that are not one JSON object
   * @param acknowledgedNotConsumed orders answered 201 that shipping never consumed
   */
  record Stats(
      int sent,
      int succeeded,
      int failed,
      int duplicated,
      double longestFailureRun,
      double backToNormal,
      int logLinesLost,
      long logLinesInvalid,
      int acknowledgedNotConsumed) {}

  /**
   * A bound and what was measured against it.
   *
   * @param what the quantity
   * @param measured its value
   * @param atMost true for an upper bound, false for a lower one
   * @param bound the bound
   * @param unit the unit, empty for counts
   */
  record Target(String what, double measured, boolean atMost, double bound, String unit) {

    static Target atMost(String what, double measured, double bound, String unit) {
      return new Target(what, measured, true, bound, unit);
    }

    static Target atLeast(String what, double measured, double bound, String unit) {
      return new Target(what, measured, false, bound, unit);
    }

    /** Whether the measured value is within the bound (a missing measurement, -1, never is). */
    boolean met() {
      return measured >= 0 && (atMost ? measured <= bound : measured >= bound);
    }

    /** {@code 1.23 s <= 3 s} or {@code 0 <= 0}. */
    String describe() {
      String u = unit.isEmpty() ? "" : " " + unit;
      return number(measured) + u + (atMost ? " <= " : " >= ") + number(bound) + u;
    }
  }

  /** A count as an integer, a time with two decimals, a missing measurement as {@code none}. */
  static String number(double value) {
    if (value < 0) {
      return "none";
    }
    return value == Math.rint(value) && value < 1e9
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
