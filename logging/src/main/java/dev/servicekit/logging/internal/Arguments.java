package dev.servicekit.logging.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.event.KeyValuePair;

/**
 * Makes log-call arguments safe to encode later on the writer thread: immutable values are kept as
 * they are, anything else is turned into its string now, on the calling thread, so a mutable
 * argument is written as it was at the call. A {@code toString()} that throws yields a placeholder.
 */
final class Arguments {

  private Arguments() {}

  /** The arguments, or a copy with every mutable value replaced by its string. */
  static Object[] capture(Object[] args) {
    if (args == null) {
      return null;
    }
    Object[] copy = null;
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (!isImmutable(a)) {
        if (copy == null) {
          copy = args.clone();
        }
        copy[i] = safeToString(a);
      }
    }
    return copy == null ? args : copy;
  }

  /** The pairs, or a copy with every mutable value replaced by its string. */
  static List<KeyValuePair> captureKeyValues(List<KeyValuePair> pairs) {
    if (pairs == null || pairs.isEmpty()) {
      return null;
    }
    List<KeyValuePair> copy = new ArrayList<>(pairs.size());
    for (KeyValuePair p : pairs) {
      if (p != null) {
        copy.add(isImmutable(p.value) ? p : new KeyValuePair(p.key, safeToString(p.value)));
      }
    }
    return copy;
  }

  static boolean isImmutable(Object a) {
    if (a == null) {
      return true;
    }
    Class<?> c = a.getClass();
    return c == String.class
        || c == Integer.class
        || c == Long.class
        || c == Boolean.class
        || c == Double.class
        || c == Float.class
        || c == Short.class
        || c == Byte.class
        || c == Character.class
        || c == BigDecimal.class
        || c == BigInteger.class
        || c == UUID.class;
  }

  /** {@code String.valueOf}, with arrays written element by element and failures as text. */
  static String safeToString(Object o) {
    try {
      if (o == null) {
        return "null";
      }
      if (o instanceof Object[]) {
        return Arrays.deepToString((Object[]) o);
      }
      if (o.getClass().isArray()) {
        return primitiveArrayToString(o);
      }
      String s = o.toString();
      return s == null ? "null" : s;
    } catch (Throwable t) {
      return "[toString() of "
          + o.getClass().getName()
          + " failed: "
          + t.getClass().getName()
          + "]";
    }
  }

  private static String primitiveArrayToString(Object o) {
    if (o instanceof int[]) {
      return Arrays.toString((int[]) o);
    } else if (o instanceof long[]) {
      return Arrays.toString((long[]) o);
    } else if (o instanceof byte[]) {
      return Arrays.toString((byte[]) o);
    } else if (o instanceof char[]) {
      return Arrays.toString((char[]) o);
    } else if (o instanceof short[]) {
      return Arrays.toString((short[]) o);
    } else if (o instanceof boolean[]) {
      return Arrays.toString((boolean[]) o);
    } else if (o instanceof float[]) {
      return Arrays.toString((float[]) o);
    } else {
      return Arrays.toString((double[]) o);
    }
  }
}
