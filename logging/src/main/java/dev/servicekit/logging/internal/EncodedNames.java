package dev.servicekit.logging.internal;

/**
 * A small direct-mapped cache from strings that recur (logger names, thread names, MDC keys) to
 * their JSON encoding, so the encoder copies bytes instead of escaping the same text per line. A
 * miss replaces the slot. Not thread-safe: one per encoder.
 */
final class EncodedNames {

  private static final int MAX_CACHED_LENGTH = 256;

  private final String[] keys;
  private final byte[][] values;
  private final int mask;
  private final JsonBuffer scratch = new JsonBuffer(MAX_CACHED_LENGTH * 6 + 64);
  private final boolean asKey;
  private final byte[] prefix;

  /**
   * @param size a power of two
   * @param asKey true to cache {@code ,"text":}, false to cache {@code "text"}
   */
  EncodedNames(int size, boolean asKey) {
    this(size, asKey, new byte[0]);
  }

  /** A cache of {@code "text"}, each encoding preceded by {@code prefix} (a field's key). */
  EncodedNames(int size, byte[] prefix) {
    this(size, false, prefix);
  }

  private EncodedNames(int size, boolean asKey, byte[] prefix) {
    keys = new String[size];
    values = new byte[size][];
    mask = size - 1;
    this.asKey = asKey;
    this.prefix = prefix.clone();
  }

  /** The encoding of {@code text} if it is cached, else null. */
  byte[] peek(String text) {
    int i = (text.hashCode() ^ (text.hashCode() >>> 16)) & mask;
    String k = keys[i];
    return k == text || (k != null && k.equals(text)) ? values[i] : null;
  }

  /** The encoding of {@code text}, or null when it is too long to cache. */
  byte[] get(String text) {
    int i = (text.hashCode() ^ (text.hashCode() >>> 16)) & mask;
    String k = keys[i];
    if (k == text || (k != null && k.equals(text))) {
      return values[i];
    }
    if (text.length() > MAX_CACHED_LENGTH) {
      return null;
    }
    scratch.reset();
    scratch.writeBytes(prefix);
    if (asKey) {
      scratch.writeByte((byte) ',');
    }
    scratch.writeString(text);
    if (asKey) {
      scratch.writeByte((byte) ':');
    }
    byte[] v = java.util.Arrays.copyOf(scratch.array(), scratch.length());
    keys[i] = text;
    values[i] = v;
    return v;
  }
}
