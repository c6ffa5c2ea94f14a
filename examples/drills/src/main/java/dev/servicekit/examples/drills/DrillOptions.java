package dev.servicekit.examples.drills;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The drill runner's parameters, validated: every value is checked against its range, and the
 * traffic of one drill ({@code orders / rate} seconds) must be long enough for the longest fault.
 *
 * @param rate orders per second the client sends, 1..100
 * @param orders orders per drill, 10..10000
 * @param outage how long the agent and the broker stay down, 1s..60s
 * @param latency the delay injected into every agent answer in drill 3, 1s..30s
 * @param faultPeriod how long drill 3 keeps each of its faults (latency, then errors), 1s..60s
 * @param startupTimeout how long the system may take to start, 10s..10m
 * @param drills which drills to run, numbers 1..5
 * @param examplesDir the {@code examples/} folder holding the services' runnable jars
 * @param workDir where logs, the broker's data and the results go
 */
public record DrillOptions(
    int rate,
    int orders,
    Duration outage,
    Duration latency,
    Duration faultPeriod,
    Duration startupTimeout,
    Set<Integer> drills,
    Path examplesDir,
    Path workDir) {

  /** Traffic before a fault and after its end, in every drill. */
  static final Duration MARGIN = Duration.ofSeconds(2);

  /**
   * Time the recovery of a drill needs within the traffic after the fault: restart and re-register.
   */
  static final Duration RECOVERY = Duration.ofSeconds(5);

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m)");

  /** Validates every parameter; the message names the option, its value and what is allowed. */
  public DrillOptions {
    range("--rate", rate, 1, 100);
    range("--orders", orders, 10, 10_000);
    range("--outage", outage, Duration.ofSeconds(1), Duration.ofSeconds(60));
    range("--latency", latency, Duration.ofSeconds(1), Duration.ofSeconds(30));
    range("--fault-period", faultPeriod, Duration.ofSeconds(1), Duration.ofSeconds(60));
    range("--startup-timeout", startupTimeout, Duration.ofSeconds(10), Duration.ofMinutes(10));
    if (drills.isEmpty()) {
      throw new IllegalArgumentException("--drills: name at least one drill (1..5)");
    }
    for (int d : drills) {
      range("--drills", d, 1, 5);
    }
    drills = Collections.unmodifiableSortedSet(new TreeSet<>(drills));
    Duration traffic = Duration.ofMillis(1000L * orders / rate);
    Duration needed = MARGIN.plus(longestFault(outage, faultPeriod)).plus(RECOVERY);
    if (traffic.compareTo(needed) < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--orders %d at --rate %d/s is %.1f s of traffic per drill, but the drills need %d s"
                  + " (%d s before the fault, %d s of fault, %d s to recover): raise --orders to"
                  + " at least %d or shorten the faults",
              orders,
              rate,
              traffic.toMillis() / 1000.0,
              needed.toSeconds(),
              MARGIN.toSeconds(),
              longestFault(outage, faultPeriod).toSeconds(),
              RECOVERY.toSeconds(),
              (needed.toMillis() * rate + 999) / 1000));
    }
  }

  /**
   * The defaults: 20 orders/s, 300 per drill (15 s), 3 s outages, 3 s latency, 4 s fault periods.
   */
  public static DrillOptions defaults(Path examplesDir, Path workDir) {
    return new DrillOptions(
        20,
        300,
        Duration.ofSeconds(3),
        Duration.ofSeconds(3),
        Duration.ofSeconds(4),
        Duration.ofSeconds(120),
        Set.of(1, 2, 3, 4, 5),
        examplesDir,
        workDir);
  }

  /**
   * Reads the command line: {@code [--rate N] [--orders N] [--outage D] [--latency D]
   * [--fault-period D] [--startup-timeout D] [--drills 1,2,..] [--examples-dir P] [--work-dir P]},
   * durations as {@code 500ms}, {@code 3s} or {@code 1m}.
   *
   * @throws IllegalArgumentException naming the bad option
   */
  public static DrillOptions parse(List<String> args, Path examplesDir, Path workDir) {
    DrillOptions d = defaults(examplesDir, workDir);
    int rate = d.rate;
    int orders = d.orders;
    Duration outage = d.outage;
    Duration latency = d.latency;
    Duration faultPeriod = d.faultPeriod;
    Duration startup = d.startupTimeout;
    Set<Integer> drills = d.drills;
    Path examples = examplesDir;
    Path work = workDir;
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(option + ": missing value (try --help)");
      }
      String value = args.get(++i);
      switch (option) {
        case "--rate" -> rate = integer(option, value);
        case "--orders" -> orders = integer(option, value);
        case "--outage" -> outage = duration(option, value);
        case "--latency" -> latency = duration(option, value);
        case "--fault-period" -> faultPeriod = duration(option, value);
        case "--startup-timeout" -> startup = duration(option, value);
        case "--drills" -> drills = drillSet(value);
        case "--examples-dir" -> examples = Path.of(value);
        case "--work-dir" -> work = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option + " (try --help)");
      }
    }
    return new DrillOptions(
        rate, orders, outage, latency, faultPeriod, startup, drills, examples, work);
  }

  /** How long one drill's traffic lasts. */
  Duration traffic() {
    return Duration.ofMillis(1000L * orders / rate);
  }

  private static Duration longestFault(Duration outage, Duration faultPeriod) {
    Duration drill3 = faultPeriod.multipliedBy(2);
    return outage.compareTo(drill3) > 0 ? outage : drill3;
  }

  static Duration duration(String option, String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " " + value + ": expected a duration such as 500ms, 3s or 1m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + value + ": expected a whole number", e);
    }
  }

  private static Set<Integer> drillSet(String value) {
    List<Integer> numbers = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      numbers.add(integer("--drills", part));
    }
    return Set.copyOf(numbers);
  }

  private static void range(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + " " + value + ": must be between " + min + " and " + max);
    }
  }

  private static void range(String option, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          option
              + " "
              + value.toMillis()
              + "ms: must be between "
              + min.toMillis()
              + "ms and "
              + max.toMillis()
              + "ms");
    }
  }
}
