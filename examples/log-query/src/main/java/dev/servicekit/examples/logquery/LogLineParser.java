package dev.servicekit.examples.logquery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Turns one text line into a {@link LogEvent} with Jackson, reading the field names of
 * servicekit-logging's profiles (see {@link FieldNames}) and the common names other JSON encoders
 * use.
 *
 * <p>A dotted name such as {@code service.name} is found both as a flat key ({@code "service.name":
 * "orders"}) and nested ({@code "service": {"name": "orders"}}), or any mix of the two. Never
 * throws: a line that is not JSON is classified, not rejected.
 */
final class LogLineParser {

  private static final int MAX_DEPTH = 256;

  /** Strict JSON (no trailing content, no raw control characters) with bounded nesting. */
  private static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

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
    JsonNode fields;
    try {
      fields = JSON.readTree(trimmed);
    } catch (JsonProcessingException e) {
      return new Result(Kind.MALFORMED, Optional.empty());
    }
    if (fields == null || !fields.isObject()) {
      return new Result(Kind.MALFORMED, Optional.empty());
    }
    return new Result(Kind.EVENT, Optional.of(toEvent(fields, source, lineNumber, text)));
  }

  private static LogEvent toEvent(JsonNode fields, String source, long lineNumber, String raw) {
    String service = text(fields, FieldNames.SERVICE);
    if (service.isEmpty()) {
      service = serviceFromSource(source);
    }
    return new LogEvent(
        timestamp(fields),
        Level.parse(text(fields, FieldNames.LEVEL)),
        service,
        text(fields, FieldNames.INSTANCE),
        text(fields, FieldNames.LOGGER),
        text(fields, FieldNames.MESSAGE),
        text(fields, FieldNames.CORRELATION),
        traceId(text(fields, FieldNames.TRACE)),
        error(fields),
        source,
        lineNumber,
        raw);
  }

  /**
   * Looks a dotted name up as a flat key first, then through every split of it into a nested object
   * path.
   */
  static Optional<JsonNode> lookup(JsonNode map, String name) {
    JsonNode direct = map.get(name);
    if (direct != null && !direct.isNull()) {
      return Optional.of(direct);
    }
    for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      JsonNode nested = map.get(name.substring(0, dot));
      if (nested != null && nested.isObject()) {
        Optional<JsonNode> found = lookup(nested, name.substring(dot + 1));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static String text(JsonNode fields, List<String> names) {
    for (String name : names) {
      Optional<JsonNode> value = lookup(fields, name);
      if (value.isPresent()) {
        String s = scalar(value.get());
        if (!s.isEmpty()) {
          return s;
        }
      }
    }
    return "";
  }

  private static String scalar(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    return "";
  }

  private static Optional<Instant> timestamp(JsonNode fields) {
    for (String name : FieldNames.TIMESTAMP) {
      Optional<JsonNode> value = lookup(fields, name);
      if (value.isPresent()) {
        Optional<Instant> instant = instant(value.get());
        if (instant.isPresent()) {
          return instant;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(JsonNode value) {
    if (value.isTextual()) {
      return parseInstant(value.textValue());
    }
    if (value.isNumber()) {
      BigDecimal n = value.decimalValue();
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
    if (value.isObject() && value.path("seconds").isNumber()) {
      // Google's {"seconds": ..., "nanos": ...} form.
      long nanos = value.path("nanos").isNumber() ? value.path("nanos").longValue() : 0L;
      try {
        return Optional.of(
            Instant.ofEpochSecond(value.get("seconds").decimalValue().longValueExact(), nanos));
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
    return FieldNames.bareTraceId(value);
  }

  private static String error(JsonNode fields) {
    String type = text(fields, FieldNames.ERROR_TYPE);
    String message = firstLine(text(fields, FieldNames.ERROR_MESSAGE));
    if (!type.isEmpty() && !message.isEmpty()) {
      return type + ": " + message;
    }
    if (!type.isEmpty() || !message.isEmpty()) {
      return type + message;
    }
    return firstLine(text(fields, FieldNames.STACK_TRACE));
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
