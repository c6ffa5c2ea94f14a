package dev.servicekit.core;

import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for the management endpoint: objects, arrays, strings, numbers.
 *
 * <p>Hand-written because core depends only on config, SLF4J and Micrometer: a JSON library here
 * would land in every service's class path (with its versions to converge) for a few flat objects.
 * {@code JsonTest} checks the output against Jackson's parser.
 */
final class Json {

  private final StringBuilder out = new StringBuilder(256);

  /** Appends any supported value: map, list, string, finite number, boolean, null, else text. */
  Json value(Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      object(map);
    } else if (value instanceof List<?> list) {
      array(list);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Number n && isFinite(n)) {
      out.append(n);
    } else {
      string(String.valueOf(value));
    }
    return this;
  }

  private void object(Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(String.valueOf(e.getKey()));
      out.append(':');
      value(e.getValue());
    }
    out.append('}');
  }

  private void array(List<?> list) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      value(list.get(i));
    }
    out.append(']');
  }

  private static boolean isFinite(Number n) {
    if (n instanceof Double d) {
      return Double.isFinite(d);
    }
    if (n instanceof Float f) {
      return Float.isFinite(f);
    }
    return n instanceof Integer
        || n instanceof Long
        || n instanceof Short
        || n instanceof Byte
        || n instanceof java.math.BigInteger
        || n instanceof java.math.BigDecimal
        || n instanceof java.util.concurrent.atomic.AtomicInteger
        || n instanceof java.util.concurrent.atomic.AtomicLong;
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Writes one value as a JSON document. */
  static String write(Object value) {
    return new Json().value(value).toString();
  }
}
