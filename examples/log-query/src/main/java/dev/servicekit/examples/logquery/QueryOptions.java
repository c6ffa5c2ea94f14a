package dev.servicekit.examples.logquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line of {@link LogQuery}.
 *
 * @param id correlation ID or trace ID to follow, or empty for all lines
 * @param services service names to keep (lower case), empty for all
 * @param minimumLevel the least severe level to keep, empty for all
 * @param since keep lines at or after this instant
 * @param until keep lines strictly before this instant
 * @param mode what to print
 * @param quiet whether to suppress the statistics on standard error
 * @param inputs files, directories or {@code -}; empty means standard input
 */
record QueryOptions(
    Optional<String> id,
    Set<String> services,
    Optional<Level> minimumLevel,
    Optional<Instant> since,
    Optional<Instant> until,
    Mode mode,
    boolean quiet,
    List<String> inputs) {

  /** What the tool prints. */
  enum Mode {
    /** A human-readable timeline of the matching lines. */
    TIMELINE,
    /** One row per correlation ID. */
    SUMMARY,
    /** The matching lines themselves, in time order. */
    JSON,
    /** The usage text. */
    HELP
  }

  static final String USAGE =
      """
      Usage: log-query [options] [file|directory|-]...
      Reads JSON log lines (servicekit ecs, logstash or gcp profile) written by several
      services and prints them as one time-ordered timeline.

        -i, --id ID          only lines of this correlation ID or trace ID
        -s, --service NAME   only these services (repeat, or separate with commas)
        -l, --level LEVEL    only this level or more severe: TRACE DEBUG INFO WARN ERROR
            --since TIME     only lines at or after TIME (ISO-8601, e.g. 2026-11-23T14:00:00Z)
            --until TIME     only lines before TIME
            --summary        one row per correlation ID: services, lines, errors, duration
            --json           print the matching lines themselves, in time order
        -q, --quiet          do not print line statistics on standard error
        -h, --help           print this text

      Without files, or with '-', reads standard input. Directories are read recursively
      (files ending in .log, .json, .jsonl, .ndjson, .out or .txt). Lines that are not JSON
      objects are counted and skipped.
      Exit status: 0 when lines matched, 1 when none did, 2 on a usage or read error.
      """;

  /** Parses arguments; throws {@link UsageException} with a message for a bad command line. */
  static QueryOptions parse(List<String> args) {
    Optional<String> id = Optional.empty();
    Set<String> services = new LinkedHashSet<>();
    Optional<Level> level = Optional.empty();
    Optional<Instant> since = Optional.empty();
    Optional<Instant> until = Optional.empty();
    Mode mode = Mode.TIMELINE;
    boolean quiet = false;
    List<String> inputs = new ArrayList<>();
    boolean optionsEnded = false;
    Iterator<String> it = args.iterator();
    while (it.hasNext()) {
      String arg = it.next();
      if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
        inputs.add(arg);
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (name) {
        case "--" -> optionsEnded = true;
        case "-i", "--id", "--correlation-id", "--trace-id" -> {
          String value = value(name, inline, it);
          if (value.isBlank()) {
            throw new UsageException(name + " needs a non-empty ID");
          }
          id = Optional.of(value.trim());
        }
        case "-s", "--service" -> {
          for (String s : value(name, inline, it).split(",")) {
            if (!s.isBlank()) {
              services.add(s.trim().toLowerCase(Locale.ROOT));
            }
          }
        }
        case "-l", "--level" -> {
          String value = value(name, inline, it);
          Level parsed = Level.parse(value);
          if (parsed == Level.UNKNOWN) {
            throw new UsageException(
                "unknown level '" + value + "': expected TRACE, DEBUG, INFO, WARN or ERROR");
          }
          level = Optional.of(parsed);
        }
        case "--since" -> since = Optional.of(time(name, value(name, inline, it)));
        case "--until" -> until = Optional.of(time(name, value(name, inline, it)));
        case "--summary" -> mode = Mode.SUMMARY;
        case "--json" -> mode = Mode.JSON;
        case "-q", "--quiet" -> quiet = true;
        case "-h", "--help" -> mode = Mode.HELP;
        default -> throw new UsageException("unknown option " + arg);
      }
    }
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      throw new UsageException("--since must be before --until");
    }
    return new QueryOptions(
        id, Set.copyOf(services), level, since, until, mode, quiet, List.copyOf(inputs));
  }

  private static String value(String name, String inline, Iterator<String> it) {
    if (inline != null) {
      return inline;
    }
    if (!it.hasNext()) {
      throw new UsageException(name + " needs a value");
    }
    return it.next();
  }

  private static Instant time(String name, String value) {
    return LogLineParser.parseInstant(value)
        .orElseThrow(
            () ->
                new UsageException(
                    name
                        + " '"
                        + value
                        + "' is not an ISO-8601 time such as 2026-11-23T14:00:00Z"));
  }

  /** A command line that cannot be run; the message says why. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
