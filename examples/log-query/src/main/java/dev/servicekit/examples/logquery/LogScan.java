package dev.servicekit.examples.logquery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads every source line by line, keeps the events a filter accepts and orders them in time.
 * Events with equal timestamps keep their reading order; events without a timestamp come last.
 */
final class LogScan {

  private LogScan() {}

  /** Line counts over all sources. */
  record Stats(
      int sources, long lines, long events, long blank, long notJson, long malformed, long kept) {}

  /** The kept events in time order, and the counts. */
  record Result(List<LogEvent> events, Stats stats) {}

  /**
   * Reads all sources. Undecodable bytes become U+FFFD rather than failing the read.
   *
   * @param stdin what {@code -} reads
   * @throws IOException when a source cannot be opened or read
   */
  static Result scan(List<LogSources.Source> sources, InputStream stdin, Predicate<LogEvent> filter)
      throws IOException {
    List<LogEvent> kept = new ArrayList<>();
    long lines = 0;
    long events = 0;
    long blank = 0;
    long notJson = 0;
    long malformed = 0;
    for (LogSources.Source source : sources) {
      InputStream in = source.isStdin() ? stdin : Files.newInputStream(source.path());
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          number++;
          lines++;
          LogLineParser.Result result = LogLineParser.parse(line, source.name(), number);
          switch (result.kind()) {
            case BLANK -> blank++;
            case NOT_JSON -> notJson++;
            case MALFORMED -> malformed++;
            case EVENT -> {
              events++;
              LogEvent event = result.event().orElseThrow();
              if (filter.test(event)) {
                kept.add(event);
              }
            }
          }
        }
      }
    }
    kept.sort(
        Comparator.comparing(
            (LogEvent e) -> e.timestamp().orElse(Instant.MAX), Comparator.naturalOrder()));
    return new Result(
        List.copyOf(kept),
        new Stats(sources.size(), lines, events, blank, notJson, malformed, kept.size()));
  }
}
