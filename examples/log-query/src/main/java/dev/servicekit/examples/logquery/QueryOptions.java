package dev.servicekit.examples.logquery;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;

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
    HELP,
    /** A shell completion script. */
    COMPLETION
  }

  /** Parses arguments; throws {@link UsageException} with a message for a bad command line. */
  static QueryOptions parse(List<String> args) {
    CommandLineSpec spec = new CommandLineSpec();
    CommandLine cli = CommandLineSpec.commandLine(spec);
    try {
      cli.parseArgs(args.toArray(new String[0]));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    if (spec.help) {
      return empty(Mode.HELP);
    }
    if (spec.completion) {
      return empty(Mode.COMPLETION);
    }
    if (spec.summary && spec.json) {
      throw new UsageException("--summary and --json cannot be combined");
    }
    if (spec.since != null && spec.until != null && !spec.since.isBefore(spec.until)) {
      throw new UsageException("--since must be before --until");
    }
    Set<String> services = new LinkedHashSet<>();
    for (String s : spec.services) {
      if (!s.isBlank()) {
        services.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    return new QueryOptions(
        Optional.ofNullable(spec.id),
        Set.copyOf(services),
        Optional.ofNullable(spec.level),
        Optional.ofNullable(spec.since),
        Optional.ofNullable(spec.until),
        spec.summary ? Mode.SUMMARY : spec.json ? Mode.JSON : Mode.TIMELINE,
        spec.quiet,
        List.copyOf(spec.inputs));
  }

  /** The usage text of {@code --help}. */
  static String usage() {
    return CommandLineSpec.commandLine(new CommandLineSpec()).getUsageMessage();
  }

  /** A bash (and zsh) completion script for the command. */
  static String completion() {
    return AutoComplete.bash("log-query", CommandLineSpec.commandLine(new CommandLineSpec()));
  }

  private static QueryOptions empty(Mode mode) {
    return new QueryOptions(
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        mode,
        false,
        List.of());
  }

  /** A command line that cannot be run; the message says why. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
