package dev.servicekit.examples.logquery;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one text line into a {@link LogEvent}, reading the field names of servicekit's {@code ecs},
 * {@code logstash} and {@code gcp} profiles (and the common names other JSON encoders use).
 *
 * <p>A dotted name such as {@code service.name} is found both as a flat key ({@code "service.name":
 * "orders"}) and nested ({@code "service": {"name": "orders"}}), or any mix of the two. Never
 * throws: a line that is not JSON is classified, not rejected.
 */
final class LogLineParser {

  private static final List<String> TIMESTAMP = List.of("@timestamp", "timestamp", "time", "ts");
  private static final List<String> LEVEL = List.of("log.level", "level", "severity", "levelname");
  private static final List<String> MESSAGE = List.of("message", "msg", "textPayload");
  private static final List<String> SERVICE =
      List.of(
          "service.name",
          "serviceContext.service",
          "logging.googleapis.com/labels.service.name",
          "logging.googleapis.com/labels.service_name",
          "service_name",
          "service",
          "app");
  private static final List<String> INSTANCE =
      List.of(
          "service.instance.id",
          "service.node.name",
          "logging.googleapis.com/labels.service.instance.id",
          "logging.googleapis.com/labels.service_instance_id",
          "service_instance_id",
          "instance_id");
  private static final List<String> LOGGER =
      List.of(
          "log.logger", "logger_name", "logger", "logging.googleapis.com/sourceLocation.function");
  private static final List<String> CORRELATION =
      List.of(
          "correlation_id",
          "correlationId",
          "labels.correlation_id",
          "mdc.correlation_id",
          "logging.googleapis.com/labels.correlation_id");
  private static final List<String> TRACE =
      List.of(
          "trace.id",
          "trace_id",
          "traceId",
          "logging.googleapis.com/trace",
          "labels.trace_id",
          "mdc.trace_id");
  private static final List<String> ERROR_TYPE =
      List.of("error.type", "error_type", "exception.type", "exception.exception_class");
  private static final List<String> ERROR_MESSAGE =
      List.of("error.message", "error_message", "exception.message", "exception.exception_message");
  private static final List<String> STACK_TRACE =
      List.of("error.stack_trace", "stack_trace", "exception.stacktrace", "exception");

  private LogLineParser() {}

  /** What a line turned out to be. */
  enum Kind {
    /** Empty or whitespace only. */
    BLANK,
    /** Not a JSON object at all: plain text, a stack trace line, a JSON array or scalar. */
    NOT_JSON,
    /** Starts like a JSON object but is not valid JSON (truncated, interleaved, garbled). */
    MALFORMED,
    /** A JSON object: {@link Result#event()} holds it. */
    EVENT
  }

  /** The classification of a line and, for {@link Kind#EVENT}, the event. */
  record Result(Kind kind, Optional<LogEvent> event) {}

  /**
   * Parses one line.
   *
   * @param line the text, without its line terminator
   * @param source the name of the file it came from, used as the service when the line has none
   * @param lineNumber its 1-based position in that file
   */
  static Result parse(String line, String source, long lineNumber) {
    String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return new Result(Kind.BLANK, Optional.empty());
    }
    if (trimmed.charAt(0) != '{') {
      return new Result(Kind.NOT_JSON, Optional.empty());
    }
    Object parsed;
    try {
      parsed = JsonParser.parse(trimmed);
    } catch (JsonParser.MalformedJsonException e) {
      return new Result(Kind.MALFORMED, Optional.empty());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) parsed;
    return new Result(Kind.EVENT, Optional.of(toEvent(fields, source, lineNumber, text)));
  }

  private static LogEvent toEvent(
      Map<String, Object> fields, String source, long lineNumber, String raw) {
    String service = text(fields, SERVICE);
    if (service.isEmpty()) {
      service = serviceFromSource(source);
    }
    return new LogEvent(
        timestamp(fields),
        Level.parse(text(fields, LEVEL)),
        service,
        text(fields, INSTANCE),
        text(fields, LOGGER),
        text(fields, MESSAGE),
        text(fields, CORRELATION),
        traceId(text(fields, TRACE)),
        error(fields),
        source,
        lineNumber,
        raw);
  }

  /**
   * Looks a dotted name up as a flat key first, then through every split of it into a nested object
   * path.
   */
  static Optional<Object> lookup(Map<String, Object> map, String name) {
    Object direct = map.get(name);
    if (direct != null && direct != JsonParser.NULL) {
      return Optional.of(direct);
    }
    for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      if (map.get(name.substring(0, dot)) instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) nested;
        Optional<Object> found = lookup(child, name.substring(dot + 1));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static String text(Map<String, Object> fields, List<String> names) {
    for (String name : names) {
      Optional<Object> value = lookup(fields, name);
      if (value.isPresent()) {
        String s = scalar(value.get());
        if (!s.isEmpty()) {
          return s;
        }
      }
    }
    return "";
  }

  private static String scalar(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal n) {
      return n.toPlainString();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return "";
  }

  private static Optional<Instant> timestamp(Map<String, Object> fields) {
    for (String name : TIMESTAMP) {
      Optional<Object> value = lookup(fields, name);
      if (value.isPresent()) {
        Optional<Instant> instant = instant(value.get());
        if (instant.isPresent()) {
          return instant;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(Object value) {
    if (value instanceof String s) {
      return parseInstant(s);
    }
    if (value instanceof BigDecimal n) {
      // Epoch milliseconds from most encoders; plain seconds (with fraction) from some.
      BigDecimal nanos =
          n.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) >= 0
              ? n.movePointRight(6)
              : n.movePointRight(9);
      try {
        long total = nanos.longValueExact();
        return Optional.of(
            Instant.ofEpochSecond(
                Math.floorDiv(total, 1_000_000_000L), Math.floorMod(total, 1_000_000_000L)));
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    if (value instanceof Map<?, ?> m && m.get("seconds") instanceof BigDecimal seconds) {
      // Google's {"seconds": ..., "nanos": ...} form.
      long nanos = m.get("nanos") instanceof BigDecimal n ? n.longValue() : 0L;
      try {
        return Optional.of(Instant.ofEpochSecond(seconds.longValueExact(), nanos));
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Reads an ISO-8601 instant: {@code Z} or an offset ({@code +01:00}, {@code +0100}); a date-time
   * without a zone counts as UTC; a space may stand for the {@code T}.
   */
  static Optional<Instant> parseInstant(String text) {
    String s = text.trim();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      // try the other forms below
    }
    if (s.length() > 5) {
      // +0100 / -0530 without a colon
      int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
      String tail = sign > 10 ? s.substring(sign + 1) : "";
      if (tail.length() == 4 && tail.chars().allMatch(Character::isDigit)) {
        String withColon = s.substring(0, sign + 3) + ':' + s.substring(sign + 3);
        try {
          return Optional.of(OffsetDateTime.parse(withColon).toInstant());
        } catch (DateTimeParseException e) {
          // fall through
        }
      }
    }
    try {
      return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String traceId(String value) {
    int at = value.lastIndexOf("/traces/");
    return at >= 0 ? value.substring(at + "/traces/".length()) : value;
  }

  private static String error(Map<String, Object> fields) {
    String type = text(fields, ERROR_TYPE);
    String message = firstLine(text(fields, ERROR_MESSAGE));
    if (!type.isEmpty() && !message.isEmpty()) {
      return type + ": " + message;
    }
    if (!type.isEmpty() || !message.isEmpty()) {
      return type + message;
    }
    return firstLine(text(fields, STACK_TRACE));
  }

  private static String firstLine(String value) {
    int nl = value.indexOf('\n');
    return (nl >= 0 ? value.substring(0, nl) : value).strip();
  }

  private static String serviceFromSource(String source) {
    if (source.equals("-")) {
      return "-";
    }
    String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
