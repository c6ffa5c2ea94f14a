package dev.servicekit.logging.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes ISO-8601 UTC timestamps with millisecond precision ({@code "2026-01-31T12:00:00.123Z"}),
 * formatting the date and time only when the second changes. Not thread-safe.
 */
final class TimestampCache {

  private long second = Long.MIN_VALUE;
  private final JsonBuffer prefix = new JsonBuffer(32);

  void write(long epochMillis, JsonBuffer out) {
    long sec = Math.floorDiv(epochMillis, 1000L);
    if (sec != second) {
      format(sec);
      second = sec;
    }
    out.writeBytes(prefixBytes());
    out.writePadded((int) Math.floorMod(epochMillis, 1000L), 3);
    out.writeByte((byte) 'Z');
    out.writeByte((byte) '"');
  }

  private byte[] cached;

  private byte[] prefixBytes() {
    return cached;
  }

  private void format(long sec) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
    prefix.reset();
    prefix.writeByte((byte) '"');
    int year = t.getYear();
    if (year >= 0 && year <= 9999) {
      prefix.writePadded(year, 4);
    } else {
      prefix.writeAscii(String.valueOf(year));
    }
    prefix.writeByte((byte) '-');
    prefix.writePadded(t.getMonthValue(), 2);
    prefix.writeByte((byte) '-');
    prefix.writePadded(t.getDayOfMonth(), 2);
    prefix.writeByte((byte) 'T');
    prefix.writePadded(t.getHour(), 2);
    prefix.writeByte((byte) ':');
    prefix.writePadded(t.getMinute(), 2);
    prefix.writeByte((byte) ':');
    prefix.writePadded(t.getSecond(), 2);
    prefix.writeByte((byte) '.');
    cached = java.util.Arrays.copyOf(prefix.array(), prefix.length());
  }
}
