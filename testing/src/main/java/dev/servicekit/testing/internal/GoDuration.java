package dev.servicekit.testing.internal;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go's {@code time.Duration} text form, as Consul reads ({@code "10s"}, {@code "1m30s"}, {@code
 * "1.5h"}, {@code "300ms"}) and writes it ({@code "1m0s"}, {@code "500ms"}, {@code "0s"}).
 */
final class GoDuration {
  private GoDuration() {}

  /**
   * Parses a Go duration string.
   *
   * @param text e.g. {@code "10s"}, {@code "-1.5h"}, {@code "2h45m"}, {@code "0"}
   * @return the duration
   * @throws IllegalArgumentException with Go's message ({@code time: invalid duration "x"}, {@code
   *     time: missing unit in duration "5"}, {@code time: unknown unit "d" in duration "5d"})
   */
  public static Duration parse(String text) {
    String quoted = "\"" + text + "\"";
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("time: invalid duration " + quoted);
    }
    BigDecimal totalNanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int numStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(numStart, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.chars().filter(c -> c == '.').count() > 1) {
        throw new IllegalArgumentException("time: invalid duration " + quoted);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration " + quoted);
      }
      long unitNanos = unitNanos(unit);
      if (unitNanos < 0) {
        throw new IllegalArgumentException(
            "time: unknown unit \"" + unit + "\" in duration " + quoted);
      }
      BigDecimal value = new BigDecimal(number.startsWith(".") ? "0" + number : number);
      totalNanos = totalNanos.add(value.multiply(BigDecimal.valueOf(unitNanos)));
    }
    if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("time: invalid duration " + quoted);
    }
    long nanos = totalNanos.longValue();
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  private static long unitNanos(String unit) {
    switch (unit) {
      case "ns":
        return 1L;
      case "us":
      case "\u00b5s":
      case "\u03bcs":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      case "h":
        return 3_600_000_000_000L;
      default:
        return -1;
    }
  }

  /**
   * Formats like Go's {@code Duration.String()}.
   *
   * @param duration the duration
   * @return e.g. {@code "1m0s"}, {@code "1.5s"}, {@code "500ms"}, {@code "0s"}
   */
  public static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos;
    }
    if (nanos < 1_000L) {
      return sb.append(nanos).append("ns").toString();
    }
    if (nanos < 1_000_000L) {
      return sb.append(fraction(nanos, 1_000L)).append("\u00b5s").toString();
    }
    if (nanos < 1_000_000_000L) {
      return sb.append(fraction(nanos, 1_000_000L)).append("ms").toString();
    }
    long hours = nanos / 3_600_000_000_000L;
    long rest = nanos % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    long secondsNanos = rest % 60_000_000_000L;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    return sb.append(fraction(secondsNanos, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }
}
