package dev.servicekit.testing.internal;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes plain Java values as JSON the way Consul's Go encoder does: compact by default, {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029 escaped as {@code \\uXXXX}, and an optional four-space
 * indented form (Consul's {@code ?pretty}).
 *
 * <p>Accepts {@code Map} (keys written with {@code String.valueOf}), {@code Iterable}, {@code
 * CharSequence}, {@code Number}, {@code Boolean} and {@code null}; anything else is an {@code
 * IllegalArgumentException}.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  /**
   * Writes a value compactly.
   *
   * @param value the value
   * @return its JSON text
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, -1, 0);
    return out.toString();
  }

  /**
   * Writes a value indented by four spaces per level, ending with a newline.
   *
   * @param value the value
   * @return its JSON text
   */
  public static String writePretty(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 4, 0);
    return out.append('\n').toString();
  }

  private static void append(StringBuilder out, Object value, int indent, int level) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence) {
      appendString(out, value.toString());
    } else if (value instanceof Boolean) {
      out.append(value.toString());
    } else if (value instanceof BigDecimal) {
      out.append(((BigDecimal) value).toPlainString());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON cannot represent " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
      }
    } else if (value instanceof Number) {
      out.append(value.toString());
    } else if (value instanceof Map) {
      appendObject(out, (Map<?, ?>) value, indent, level);
    } else if (value instanceof Iterable) {
      appendArray(out, (Iterable<?>) value, indent, level);
    } else {
      throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map, int indent, int level) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      newline(out, indent, level + 1);
      appendString(out, String.valueOf(e.getKey()));
      out.append(indent < 0 ? ":" : ": ");
      append(out, e.getValue(), indent, level + 1);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(out, indent, level);
    out.append('}');
  }

  private static void appendArray(StringBuilder out, Iterable<?> items, int indent, int level) {
    Iterator<?> it = items.iterator();
    if (!it.hasNext()) {
      out.append("[]");
      return;
    }
    out.append('[');
    while (it.hasNext()) {
      newline(out, indent, level + 1);
      append(out, it.next(), indent, level + 1);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(out, indent, level);
    out.append(']');
  }

  private static void newline(StringBuilder out, int indent, int level) {
    if (indent < 0) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < indent * level; i++) {
      out.append(' ');
    }
  }

  /**
   * Appends a JSON string literal with Go-compatible escaping.
   *
   * @param out where to append
   * @param s the string
   */
  public static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            if (c > 0xFF) {
              // U+2028 / U+2029 need all four digits
              out.setLength(out.length() - 6);
              out.append("\\u")
                  .append(HEX[(c >> 12) & 0xF])
                  .append(HEX[(c >> 8) & 0xF])
                  .append(HEX[(c >> 4) & 0xF])
                  .append(HEX[c & 0xF]);
            }
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
