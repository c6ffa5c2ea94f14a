package dev.servicekit.examples.logquery;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One row per correlation ID over a set of events: the services it touched (in order of first
 * appearance), how many lines and errors, when it started and how long it lasted.
 */
final class CorrelationSummary {

  private CorrelationSummary() {}

  /** The summary of one correlation ID. */
  record Row(
      String correlationId,
      Set<String> services,
      long lines,
      long errors,
      Optional<Instant> first,
      Optional<Instant> last) {

    /** Time from the first to the last line, zero when the lines carry no time. */
    Duration duration() {
      return first.isPresent() && last.isPresent()
          ? Duration.between(first.get(), last.get())
          : Duration.ZERO;
    }
  }

  /** The rows, ordered by their first line's time; events without a correlation ID are left out. */
  static List<Row> rows(List<LogEvent> events) {
    Map<String, List<LogEvent>> byId = new LinkedHashMap<>();
    for (LogEvent e : events) {
      if (!e.correlationId().isEmpty()) {
        byId.computeIfAbsent(e.correlationId(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Row> rows = new ArrayList<>();
    byId.forEach(
        (id, list) -> {
          Set<String> services = new LinkedHashSet<>();
          list.forEach(e -> services.add(e.service()));
          List<Instant> times =
              list.stream().flatMap(e -> e.timestamp().stream()).sorted().toList();
          rows.add(
              new Row(
                  id,
                  Collections.unmodifiableSet(services),
                  list.size(),
                  list.stream().filter(e -> e.level().isError()).count(),
                  times.isEmpty() ? Optional.empty() : Optional.of(times.get(0)),
                  times.isEmpty() ? Optional.empty() : Optional.of(times.get(times.size() - 1))));
        });
    rows.sort(Comparator.comparing(r -> r.first().orElse(Instant.MAX)));
    return rows;
  }

  /** Prints the rows as a table, followed by the count of lines without a correlation ID. */
  static void print(List<LogEvent> events, PrintStream out) {
    List<Row> rows = rows(events);
    long withoutId = events.stream().filter(e -> e.correlationId().isEmpty()).count();
    int idWidth =
        Math.max(
            "correlation id".length(),
            rows.stream()
                .mapToInt(r -> Text.printable(r.correlationId()).length())
                .max()
                .orElse(0));
    int servicesWidth =
        Math.max(
            "services".length(), rows.stream().mapToInt(r -> services(r).length()).max().orElse(0));
    out.println(
        Text.pad("correlation id", idWidth)
            + "  "
            + Text.pad("services", servicesWidth)
            + "  lines  errors  first                     duration");
    for (Row r : rows) {
      out.println(
          Text.pad(Text.printable(r.correlationId()), idWidth)
              + "  "
              + Text.pad(services(r), servicesWidth)
              + "  "
              + Text.padLeft(Long.toString(r.lines()), 5)
              + "  "
              + Text.padLeft(Long.toString(r.errors()), 6)
              + "  "
              + Text.pad(r.first().map(Text::time).orElse("-"), 24)
              + "  "
              + Text.padLeft(Text.duration(r.duration()), 8));
    }
    out.println(
        rows.size()
            + (rows.size() == 1 ? " correlation id" : " correlation ids")
            + (withoutId > 0 ? ", " + withoutId + " lines without one" : ""));
  }

  private static String services(Row r) {
    return Text.printable(String.join(",", r.services()));
  }
}
