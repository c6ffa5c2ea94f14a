package dev.servicekit.logging.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes JSON tokens as UTF-8. Strings are escaped so that the result
 * is always valid JSON and valid UTF-8: control characters, quotes and backslashes are escaped,
 * U+2028 and U+2029 are written as six-character escapes, and a lone surrogate becomes U+FFFD. Not
 * thread-safe: one buffer per writer.
 *
 * <p>Hand-written rather than a JSON library's generator: logging has none by design, and escaping
 * into one reused array allocates nothing (measured by JsonEncoderBenchmark in benchmarks/).
 */
public final class JsonBuffer {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ELLIPSIS = "\u2026".getBytes(StandardCharsets.UTF_8);

  /**
   * For each ASCII char: 0 = as is, 'u' = a six-character escape, else the char after the
   * backslash.
   */
  private static final byte[] ESCAPES = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
    ESCAPES['\t'] = 't';
    ESCAPES['\b'] = 'b';
    ESCAPES['\f'] = 'f';
  }

  private static final int FAST_PATH_CHARS = 2048;

  byte[] bytes;
  int length;
  private final char[] chars = new char[FAST_PATH_CHARS];

  /** A buffer with the given initial capacity in bytes. */
  public JsonBuffer(int capacity) {
    bytes = new byte[Math.max(64, capacity)];
  }

  /** The backing array; valid from 0 to {@link #length()}. */
  public byte[] array() {
    return bytes;
  }

  /** The number of bytes written. */
  public int length() {
    return length;
  }

  /** Forgets the content, keeping the capacity. */
  public void reset() {
    length = 0;
  }

  void truncate(int newLength) {
    length = newLength;
  }

  /** Drops a capacity grown far beyond {@code keep} after an unusually large batch. */
  void shrink(int keep) {
    if (bytes.length > keep * 4 && length <= keep) {
      bytes = Arrays.copyOf(bytes, keep);
    }
  }

  private void ensure(int extra) {
    int needed = length + extra;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
  }

  void writeByte(byte b) {
    ensure(1);
    bytes[length++] = b;
  }

  void writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
  }

  void writeBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
  }

  /** Writes a non-negative or negative long in decimal without allocating. */
  void writeLong(long value) {
    if (value == Long.MIN_VALUE) {
      writeAscii("-9223372036854775808");
      return;
    }
    ensure(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int pos = length + digits;
    length = pos;
    do {
      bytes[--pos] = (byte) ('0' + (value % 10));
      value /= 10;
    } while (value != 0);
  }

  /** Writes digits of a value with leading zeros to the given width. */
  void writePadded(int value, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      bytes[length + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += width;
  }

  /** Writes ASCII text that needs no escaping (numbers, literals). */
  void writeAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
  }

  /** Writes a quoted, escaped JSON string. */
  void writeString(CharSequence s) {
    writeString(s, Integer.MAX_VALUE);
  }

  /**
   * Writes a quoted JSON string whose escaped content is cut, at a character boundary, once it
   * exceeds {@code maxBytes}; a cut string ends with an ellipsis.
   *
   * @return true when the string was cut
   */
  boolean writeString(CharSequence s, int maxBytes) {
    writeByte((byte) '"');
    boolean cut = writeContent(s, 0, s.length(), maxBytes);
    writeByte((byte) '"');
    return cut;
  }

  /**
   * Writes the escaped content of {@code s[from, to)} without quotes, stopping once the written
   * content exceeds {@code maxBytes} (an ellipsis then marks the cut).
   *
   * @return true when the content was cut
   */
  boolean writeContent(CharSequence s, int from, int to, int maxBytes) {
    int count = to - from;
    if (count <= FAST_PATH_CHARS && count * 6 <= maxBytes && s instanceof String) {
      writeShort((String) s, from, to);
      return false;
    }
    return writeSlow(s, from, to, maxBytes);
  }

  private boolean writeSlow(CharSequence s, int from, int to, int maxBytes) {
    int start = length;
    long limit = maxBytes == Integer.MAX_VALUE ? Long.MAX_VALUE : (long) start + maxBytes;
    ensure((int) Math.min(to - from, (long) maxBytes) + 16);
    byte[] b = bytes;
    int pos = length;
    for (int i = from; i < to; i++) {
      if (pos > limit) {
        length = pos;
        writeBytes(ELLIPSIS);
        return true;
      }
      char c = s.charAt(i);
      if (pos + 12 > b.length) {
        length = pos;
        ensure(16);
        b = bytes;
      }
      if (c < 0x80) {
        byte e = ESCAPES[c];
        if (e == 0) {
          b[pos++] = (byte) c;
        } else if (e == 'u') {
          pos = unicodeEscape(b, pos, c);
        } else {
          b[pos++] = '\\';
          b[pos++] = e;
        }
      } else if (c < 0x800) {
        b[pos++] = (byte) (0xC0 | (c >> 6));
        b[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        char low;
        if (Character.isHighSurrogate(c)
            && i + 1 < to
            && Character.isLowSurrogate(low = s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, low);
          b[pos++] = (byte) (0xF0 | (cp >> 18));
          b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[pos++] = (byte) (0x80 | (cp & 0x3F));
          i++;
        } else {
          b[pos++] = (byte) 0xEF;
          b[pos++] = (byte) 0xBF;
          b[pos++] = (byte) 0xBD;
        }
      } else if (c == '\u2028' || c == '\u2029') {
        pos = unicodeEscape(b, pos, c);
      } else {
        b[pos++] = (byte) (0xE0 | (c >> 12));
        b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    length = pos;
    return false;
  }

  /**
   * Escapes a string short enough that even its worst case (six bytes per char) fits the room
   * reserved up front, so the loop needs no capacity or limit checks; plain ASCII is copied without
   * looking up escapes.
   */
  private void writeShort(String s, int from, int to) {
    int n = to - from;
    ensure(n * 6);
    char[] cs = chars;
    s.getChars(from, to, cs, 0);
    byte[] b = bytes;
    int pos = length;
    int j = 0;
    while (j < n) {
      char c = cs[j];
      if (c < 0x80 && ESCAPES[c] == 0) {
        b[pos++] = (byte) c;
        j++;
        continue;
      }
      length = pos;
      int next = j + 1;
      if (Character.isHighSurrogate(c) && next < n && Character.isLowSurrogate(cs[next])) {
        next++;
      }
      writeSlow(s, from + j, from + next, Integer.MAX_VALUE);
      b = bytes;
      pos = length;
      j = next;
    }
    length = pos;
  }

  private static int unicodeEscape(byte[] b, int pos, char c) {
    b[pos++] = '\\';
    b[pos++] = 'u';
    b[pos++] = HEX[(c >> 12) & 0xF];
    b[pos++] = HEX[(c >> 8) & 0xF];
    b[pos++] = HEX[(c >> 4) & 0xF];
    b[pos++] = HEX[c & 0xF];
    return pos;
  }

  /**
   * The string as it will read once written: lone surrogates replaced by U+FFFD. Returns {@code s}
   * itself when it has none, so keys can be compared as they appear in the output.
   */
  static String wellFormed(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return replaceLoneSurrogates(s);
        }
      }
    }
    return s;
  }

  private static String replaceLoneSurrogates(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  /** The content as a string (tests and diagnostics). */
  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** The bytes of a quoted, escaped JSON string. */
  static byte[] quoted(String s) {
    JsonBuffer b = new JsonBuffer(s.length() + 8);
    b.writeString(s);
    return Arrays.copyOf(b.bytes, b.length);
  }
}
