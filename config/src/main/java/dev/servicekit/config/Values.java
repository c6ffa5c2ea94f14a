package dev.servicekit.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * servicekit's value grammars, one for each kind of value, used by every module.
 *
 * <ul>
 *   <li>Boolean: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}, {@code t/f},
 *       {@code y/n}, in any case.
 *   <li>Duration: Go style, a sequence of decimal numbers (fractions allowed) each with a unit
 *       {@code ns}, {@code us} ({@code µs}), {@code ms}, {@code s}, {@code m}, {@code h} or {@code
 *       d}, such as {@code 500ms}, {@code 1.5s}, {@code 1h30m}; or ISO-8601 such as {@code PT10S},
 *       {@code PT1.5S}; or a bare {@code 0}. Negative durations are rejected.
 *   <li>Integer: an optional sign and decimal digits, within the range the key allows.
 *   <li>Enum: the constant's name in any case, dashes read as underscores.
 * </ul>
 *
 * <p>Every parser trims the input first and returns empty for a value it does not accept. Stateless
 * and thread-safe.
 */
public final class Values {

  /** What {@link #parseBoolean} accepts, in the words of an error message. */
  public static final String BOOLEAN = "a boolean (true/false, yes/no, on/off, 1/0, t/f, y/n)";

  /** What {@link #parseDuration} accepts, in the words of an error message. */
  public static final String DURATION =
      "a non-negative duration such as 500ms, 1.5s, 1h30m or PT10S";

  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private Values() {}

  /**
   * Parses a boolean.
   *
   * @param raw the text; surrounding whitespace is ignored
   * @return the value, or empty when {@code raw} is in none of the accepted spellings
   */
  public static Optional<Boolean> parseBoolean(String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1":
        return Optional.of(Boolean.TRUE);
      case "false", "f", "no", "n", "off", "0":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }

  /**
   * Parses an integer: optional sign and decimal digits, nothing else.
   *
   * @param raw the text; surrounding whitespace is ignored
   * @return the value, or empty when {@code raw} is not an integer or does not fit in an {@code
   *     int}
   */
  public static Optional<Integer> parseInt(String raw) {
    String s = raw.trim();
    if (s.isEmpty() || s.length() > 12) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '+' || c == '-') && s.length() > 1)) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a non-negative duration in Go style or ISO-8601.
   *
   * @param raw the text, for example {@code 1h30m} or {@code PT10S}
   * @return the duration, or empty when {@code raw} is malformed or negative
   */
  public static Optional<Duration> parseDuration(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    char first = s.charAt(0);
    if (first == 'P' || first == 'p') {
      try {
        Duration d = Duration.parse(s);
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return parseGoDuration(s);
  }

  private static Optional<Duration> parseGoDuration(String s) {
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int start = i;
      boolean digits = false;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        digits = true;
      }
      if (i < n && s.charAt(i) == '.') {
        i++;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
          digits = true;
        }
      }
      if (!digits) {
        return Optional.empty();
      }
      BigDecimal amount = new BigDecimal(s.substring(start, i));
      int unitStart = i;
      while (i < n && !(s.charAt(i) >= '0' && s.charAt(i) <= '9') && s.charAt(i) != '.') {
        i++;
      }
      long unit = unitNanos(s.substring(unitStart, i).toLowerCase(Locale.ROOT));
      if (unit == 0) {
        return Optional.empty();
      }
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unit)));
      if (nanos.compareTo(MAX_NANOS) > 0) {
        return Optional.empty();
      }
    }
    BigInteger whole = nanos.toBigInteger();
    return Optional.of(Duration.ofNanos(whole.longValueExact()));
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L;
      default -> 0L;
    };
  }

  /**
   * Parses an enum constant: its name in any case, dashes read as underscores.
   *
   * @param raw the text
   * @param type the enum class
   * @param <E> the enum type
   * @return the constant, or empty when {@code raw} names none
   */
  public static <E extends Enum<E>> Optional<E> parseEnum(String raw, Class<E> type) {
    String wanted = raw.trim().replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code one of a, b, c}: the constants of {@code type}, lower case with dashes.
   *
   * @param type the enum class
   * @param <E> the enum type
   * @return for example {@code one of auto, propagate, off}
   */
  public static <E extends Enum<E>> String choices(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return "one of " + String.join(", ", names);
  }

  /**
   * A comma-separated list, trimmed, without empty entries.
   *
   * @param value the comma-separated text
   * @return an unmodifiable list, empty for a blank value
   */
  public static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
