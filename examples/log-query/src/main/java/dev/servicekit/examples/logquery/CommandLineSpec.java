package dev.servicekit.examples.logquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of {@code log-query}, declared for picocli; {@link QueryOptions} reads it. */
@Command(
    name = "log-query",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Reads JSON log lines (servicekit-logging's profiles, and common encoders' field names)"
          + " written by several services and prints them as one time-ordered timeline.",
      ""
    },
    footer = {
      "",
      "Without files, or with '-', reads standard input. Directories are read recursively (files"
          + " ending in .log, .json, .jsonl, .ndjson, .out or .txt). Lines that are not JSON"
          + " objects are counted and skipped.",
      "Exit status: 0 when lines matched, 1 when none did, 2 on a usage or read error."
    })
final class CommandLineSpec {

  @Option(
      names = {"-i", "--id", "--correlation-id", "--trace-id"},
      paramLabel = "ID",
      converter = IdConverter.class,
      description = "only lines of this correlation ID or trace ID")
  String id;

  @Option(
      names = {"-s", "--service"},
      paramLabel = "NAME",
      split = ",",
      description = "only these services (repeat, or separate with commas)")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-l", "--level"},
      paramLabel = "LEVEL",
      converter = LevelConverter.class,
      description = "only this level or more severe: TRACE DEBUG INFO WARN ERROR")
  Level level;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "only lines at or after TIME (ISO-8601, e.g. 2026-11-23T14:00:00Z)")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "only lines before TIME")
  Instant until;

  @Option(
      names = "--summary",
      description = "one row per correlation ID: services, lines, errors, duration")
  boolean summary;

  @Option(names = "--json", description = "print the matching lines themselves, in time order")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "do not print line statistics on standard error")
  boolean quiet;

  @Option(
      names = "--completion",
      description = "print a bash/zsh completion script: source <(log-query --completion)")
  boolean completion;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print this text")
  boolean help;

  @Parameters(paramLabel = "FILE|DIR|-", description = "inputs; none means standard input")
  List<String> inputs = new ArrayList<>();

  static CommandLine commandLine(CommandLineSpec spec) {
    return new CommandLine(spec)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOverwrittenOptionsAllowed(true);
  }

  /** A non-blank ID, trimmed. */
  static final class IdConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isBlank()) {
        throw new CommandLine.TypeConversionException("needs a non-empty ID");
      }
      return value.trim();
    }
  }

  /** A level name of any profile. */
  static final class LevelConverter implements CommandLine.ITypeConverter<Level> {
    @Override
    public Level convert(String value) {
      Level parsed = Level.parse(value);
      if (parsed == Level.UNKNOWN) {
        throw new CommandLine.TypeConversionException(
            "unknown level '" + value + "': expected TRACE, DEBUG, INFO, WARN or ERROR");
      }
      return parsed;
    }
  }

  /** An ISO-8601 instant as {@link LogLineParser#parseInstant} reads it. */
  static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return LogLineParser.parseInstant(value)
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "'" + value + "' is not an ISO-8601 time such as 2026-11-23T14:00:00Z"));
    }
  }
}
