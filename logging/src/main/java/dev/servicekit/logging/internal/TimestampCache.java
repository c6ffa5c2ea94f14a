package dev.servicekit.logging.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes ISO-8601 UTC timestamps with millisecond precision ({@code "2026-01-31T12:00:00.123Z"}),
 * formatting the date and time only when the second changes. Not thread-safe.
 */
final class TimestampCache {

  /** Year 0000 to 9999: timestamps outside are clamped rather than failing the line. */
  private static final long MIN_SECOND = -62_167_219_200L;

  private static final long MAX_SECOND = 253_402_300_799L;

  private long second = Long.MIN_VALUE;
  private final JsonBuffer prefix = new JsonBuffer(64);
  private final byte[] key;
  private byte[] cached;

  /** A cache that writes {@code key} (the field's key) before each timestamp. */
  TimestampCache(byte[] key) {
    this.key = key.clone();
  }

  void write(long epochMillis, JsonBuffer out) {
    long sec = Math.floorDiv(epochMillis, 1000L);
    if (sec != second) {
      format(sec);
      second = sec;
    }
    out.writeBytes(cached);
    out.writePadded((int) Math.floorMod(epochMillis, 1000L), 3);
    out.writeByte((byte) 'Z');
    out.writeByte((byte) '"');
  }

  private void format(long sec) {
    long clamped = Math.max(MIN_SECOND, Math.min(MAX_SECOND, sec));
    LocalDateTime t = LocalDateTime.ofEpochSecond(clamped, 0, ZoneOffset.UTC);
    prefix.reset();
    prefix.writeBytes(key);
    prefix.writeByte((byte) '"');
    prefix.writePadded(t.getYear(), 4);
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
