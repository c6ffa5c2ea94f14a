package dev.servicekit.correlation.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Validates inbound correlation ids: 1 to 128 characters of {@code [A-Za-z0-9._:/+=-]}. Rejections
 * are counted; the rejected value itself is never kept, logged or echoed.
 */
public final class IdValidator {

  /** Longest accepted inbound id. */
  public static final int MAX_LENGTH = 128;

  private static final boolean[] ALLOWED = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ALLOWED[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      ALLOWED[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ALLOWED[c] = true;
    }
    for (char c : "._:/+=-".toCharArray()) {
      ALLOWED[c] = true;
    }
  }

  private static final LongAdder REJECTED = new LongAdder();

  private IdValidator() {}

  /** Whether {@code id} is acceptable as is. */
  public static boolean isValid(String id) {
    if (id == null) {
      return false;
    }
    int length = id.length();
    if (length == 0 || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c >= 128 || !ALLOWED[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code candidate} when valid; otherwise {@code null}, counting a rejection when the
   * candidate was present (non-null).
   */
  public static String acceptOrNull(String candidate) {
    if (candidate == null) {
      return null;
    }
    if (isValid(candidate)) {
      return candidate;
    }
    REJECTED.increment();
    return null;
  }

  /** Returns {@code candidate} when valid, else a fresh id (counting the rejection of non-null). */
  public static String acceptOrNew(String candidate) {
    String accepted = acceptOrNull(candidate);
    return accepted != null ? accepted : IdGenerator.next();
  }

  /** Number of inbound ids rejected since the JVM started. */
  public static long rejectedCount() {
    return REJECTED.sum();
  }
}
