package dev.servicekit.examples.logquery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Rendering rules shared by the timeline and the summary: log text is untrusted. */
final class Text {

  private Text() {}

  /**
   * Makes a logged value safe for a terminal on one line: line breaks become {@code \n}, other
   * control characters (including escape sequences) become {@code \}{@code uXXXX}.
   */
  static String printable(String value) {
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement = null;
      if (c == '\n') {
        replacement = "\\n";
      } else if (c == '\r') {
        replacement = "\\r";
      } else if (c == '\t') {
        replacement = " ";
      } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        replacement = String.format("\\u%04x", (int) c);
      }
      if (replacement != null) {
        if (sb == null) {
          sb = new StringBuilder(value.length() + 8).append(value, 0, i);
        }
        sb.append(replacement);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? value : sb.toString();
  }

  /** An instant to the millisecond, {@code 2026-11-23T14:16:22.123Z}. */
  static String time(Instant instant) {
    Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
    String s = millis.toString();
    // Instant.toString drops ".000"; keep a fixed width so columns line up.
    return millis.getNano() == 0 ? s.substring(0, s.length() - 1) + ".000Z" : s;
  }

  /** A duration for people: {@code 183 ms}, {@code 4.2 s}, {@code 3 min 5 s}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }

  /** Pads on the right to {@code width}. */
  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** Pads on the left to {@code width}. */
  static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
