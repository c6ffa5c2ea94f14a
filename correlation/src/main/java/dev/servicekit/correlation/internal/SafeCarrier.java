package dev.servicekit.correlation.internal;

import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Guards carriers: a value longer than {@value #MAX_VALUE_LENGTH} characters or holding anything
 * but printable ASCII (space to tilde, and tab) is treated as absent, inbound and outbound, so
 * control characters, line breaks and oversized values never travel further.
 */
public final class SafeCarrier {

  /** Longest header value read or written (the W3C baggage limit). */
  public static final int MAX_VALUE_LENGTH = 8192;

  private SafeCarrier() {}

  /** Returns {@code value} when it is safe to use, else {@code null}. */
  public static String sanitize(String value) {
    if (value == null || value.length() > MAX_VALUE_LENGTH) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7e) {
        return null;
      }
    }
    return value;
  }

  /** Reads through {@code getter}, treating unsafe values and getter failures as absent. */
  public static String get(UnaryOperator<String> getter, String name) {
    try {
      return sanitize(getter.apply(name));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A getter that only ever returns safe values. */
  public static UnaryOperator<String> guard(UnaryOperator<String> getter) {
    return name -> get(getter, name);
  }

  /** A setter that drops unsafe values and swallows carrier failures. */
  public static BiConsumer<String, String> guard(BiConsumer<String, String> setter) {
    return (name, value) -> {
      String safe = sanitize(value);
      if (safe != null) {
        try {
          setter.accept(name, safe);
        } catch (RuntimeException e) {
          // a failing carrier must not break the caller's request
        }
      }
    };
  }
}
