package dev.servicekit.examples.logquery;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prints time-ordered events as a readable timeline: time, offset from the first event, service
 * (and instance), level, message, and the attached error on a second line.
 *
 * <pre>
 * 2026-11-23T14:16:22.123Z      +0 ms  orders                INFO   order received
 * 2026-11-23T14:16:22.141Z     +18 ms  inventory[inventory-2] INFO   reserved 2 x widget
 * </pre>
 */
final class Timeline {

  private Timeline() {}

  /**
   * Writes the timeline.
   *
   * @param events time-ordered events
   * @param id the correlation or trace ID they were selected by; when present a header describes
   *     the whole flow and the per-line ID column is left out
   */
  static void print(List<LogEvent> events, Optional<String> id, PrintStream out) {
    if (id.isPresent()) {
      out.println(header(id.get(), events));
    }
    Optional<Instant> first = events.stream().flatMap(e -> e.timestamp().stream()).findFirst();
    int serviceWidth = events.stream().mapToInt(e -> who(e).length()).max().orElse(0);
    int idWidth =
        id.isPresent() ? 0 : events.stream().mapToInt(e -> correlation(e).length()).max().orElse(0);
    for (LogEvent e : events) {
      StringBuilder line = new StringBuilder();
      line.append(e.timestamp().map(Text::time).orElse(Text.pad("(no time)", 24)));
      line.append(' ')
          .append(
              Text.padLeft(
                  e.timestamp()
                      .flatMap(t -> first.map(f -> offset(Duration.between(f, t))))
                      .orElse(""),
                  10));
      line.append("  ").append(Text.pad(Text.printable(who(e)), serviceWidth));
      line.append(' ').append(Text.pad(e.level() == Level.UNKNOWN ? "-" : e.level().name(), 5));
      if (idWidth > 0) {
        line.append(' ').append(Text.pad(Text.printable(correlation(e)), idWidth));
      }
      line.append("  ");
      int messageColumn = line.length();
      line.append(Text.printable(e.message()));
      out.println(line.toString().stripTrailing());
      if (!e.error().isEmpty()) {
        out.println(" ".repeat(messageColumn) + "! " + Text.printable(e.error()));
      }
    }
  }

  /** The one-line description of a whole flow. */
  static String header(String id, List<LogEvent> events) {
    Set<String> services = new LinkedHashSet<>();
    events.forEach(e -> services.add(e.service()));
    long errors = events.stream().filter(e -> e.level().isError()).count();
    StringBuilder sb = new StringBuilder("Timeline of ").append(Text.printable(id)).append(": ");
    sb.append(events.size()).append(events.size() == 1 ? " line" : " lines");
    sb.append(" from ").append(services.size());
    sb.append(services.size() == 1 ? " service (" : " services (");
    sb.append(Text.printable(String.join(", ", services))).append(')');
    List<Instant> times = events.stream().flatMap(e -> e.timestamp().stream()).toList();
    if (!times.isEmpty()) {
      Instant first = times.get(0);
      Instant last = times.get(times.size() - 1);
      sb.append(", ").append(Text.time(first)).append(" to ").append(Text.time(last));
      sb.append(" (").append(Text.duration(Duration.between(first, last))).append(')');
    }
    sb.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
    return sb.toString();
  }

  private static String who(LogEvent e) {
    return e.instance().isEmpty() || e.instance().equals(e.service())
        ? e.service()
        : e.service() + "[" + e.instance() + "]";
  }

  private static String correlation(LogEvent e) {
    return e.correlationId().isEmpty() ? "-" : e.correlationId();
  }

  private static String offset(Duration d) {
    return "+" + d.toMillis() + " ms";
  }
}
