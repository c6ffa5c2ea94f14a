package dev.servicekit.logging.internal;

import java.util.Arrays;

/**
 * A direct-mapped cache from stack frames (compared with {@code equals}, so frames of different
 * exceptions thrown from the same code share an entry) to their escaped text {@code \tat
 * cls.method(File.java:12)\n}. Hot code paths throw from the same places, so their frames are
 * escaped once. Not thread-safe: one per encoder.
 */
final class EncodedFrames {

  private final StackTraceElement[] keys;
  private final byte[][] values;
  private final int mask;
  private final JsonBuffer scratch = new JsonBuffer(256);

  /**
   * @param size a power of two
   */
  EncodedFrames(int size) {
    keys = new StackTraceElement[size];
    values = new byte[size][];
    mask = size - 1;
  }

  byte[] get(StackTraceElement e) {
    int h = e.hashCode();
    int i = (h ^ (h >>> 16)) & mask;
    StackTraceElement k = keys[i];
    if (k == e || (k != null && k.equals(e))) {
      return values[i];
    }
    scratch.reset();
    write(e, scratch);
    byte[] v = Arrays.copyOf(scratch.array(), scratch.length());
    keys[i] = e;
    values[i] = v;
    return v;
  }

  private static void write(StackTraceElement e, JsonBuffer out) {
    text(out, "\tat ");
    text(out, e.getClassName());
    text(out, ".");
    text(out, e.getMethodName());
    text(out, "(");
    if (e.isNativeMethod()) {
      text(out, "Native Method");
    } else if (e.getFileName() == null) {
      text(out, "Unknown Source");
    } else {
      text(out, e.getFileName());
      if (e.getLineNumber() >= 0) {
        text(out, ":");
        out.writeLong(e.getLineNumber());
      }
    }
    text(out, ")\n");
  }

  private static void text(JsonBuffer out, String s) {
    out.writeContent(s, 0, s.length(), Integer.MAX_VALUE);
  }
}
