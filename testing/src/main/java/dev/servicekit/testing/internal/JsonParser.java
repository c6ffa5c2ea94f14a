package dev.servicekit.testing.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader producing plain Java values.
 *
 * <p>Objects become insertion-ordered {@code Map<String, Object>}, arrays {@code List<Object>},
 * strings {@code String}, {@code true}/{@code false} {@code Boolean}, {@code null} Java {@code
 * null}, integral numbers without fraction or exponent {@code Long} (or {@code BigDecimal} when
 * they overflow a long), other numbers {@code BigDecimal}. It rejects what a lenient reader would
 * let through: trailing commas, comments, single quotes, leading zeros, {@code NaN}, unescaped
 * control characters, duplicate object keys, trailing content and nesting deeper than 512. Every
 * error names the line, column and offset.
 */
public final class JsonParser {
  private static final int MAX_DEPTH = 512;

  private final String text;
  private int pos;
  private int depth;

  private JsonParser(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value that makes up the whole text (surrounding whitespace allowed).
   *
   * @param text the JSON text
   * @return the value, see the class description for the mapping
   * @throws JsonException when the text is not exactly one valid JSON value
   */
  public static Object parse(String text) {
    if (text == null) {
      throw new JsonException("JSON text is null");
    }
    JsonParser parser = new JsonParser(text);
    parser.skipWhitespace();
    if (parser.pos >= text.length()) {
      throw new JsonException("Empty JSON text: expected a value at line 1, column 1 (offset 0)");
    }
    Object value = parser.readValue();
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.error("Unexpected " + parser.describeCurrent() + " after the JSON value");
    }
    return value;
  }

  /**
   * Parses a JSON text that must be an object.
   *
   * @param text the JSON text
   * @return the object's members in document order
   * @throws JsonException when the text is not valid JSON or not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new JsonException("Expected a JSON object but got " + typeName(value));
    }
    return (Map<String, Object>) value;
  }

  /**
   * Names a parsed value's JSON type the way error messages say it.
   *
   * @param value a value produced by this parser
   * @return {@code object}, {@code array}, {@code string}, {@code number}, {@code bool} or {@code
   *     null}
   */
  public static String typeName(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Map) {
      return "object";
    } else if (value instanceof List) {
      return "array";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Boolean) {
      return "bool";
    }
    return "number";
  }

  private Object readValue() {
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("Unexpected end of input: expected a value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return readObject();
      case '[':
        return readArray();
      case '"':
        return readString();
      case 't':
        expectLiteral("true");
        return Boolean.TRUE;
      case 'f':
        expectLiteral("false");
        return Boolean.FALSE;
      case 'n':
        expectLiteral("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw error("Unexpected " + describeCurrent() + ": expected a value");
    }
  }

  private Map<String, Object> readObject() {
    enter();
    pos++; // '{'
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("Unexpected " + describeCurrent() + ": expected a string object key");
      }
      int keyStart = pos;
      String key = readString();
      if (members.containsKey(key)) {
        pos = keyStart;
        throw error("Duplicate object key \"" + key + "\"");
      }
      skipWhitespace();
      if (peek() != ':') {
        throw error("Unexpected " + describeCurrent() + ": expected ':' after object key");
      }
      pos++;
      members.put(key, readValue());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
        skipWhitespace();
        if (peek() == '}') {
          throw error("Trailing comma before '}'");
        }
      } else if (c == '}') {
        pos++;
        depth--;
        return members;
      } else {
        throw error("Unexpected " + describeCurrent() + ": expected ',' or '}' in object");
      }
    }
  }

  private List<Object> readArray() {
    enter();
    pos++; // '['
    List<Object> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return items;
    }
    while (true) {
      items.add(readValue());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
        skipWhitespace();
        if (peek() == ']') {
          throw error("Trailing comma before ']'");
        }
      } else if (c == ']') {
        pos++;
        depth--;
        return Collections.unmodifiableList(items);
      } else {
        throw error("Unexpected " + describeCurrent() + ": expected ',' or ']' in array");
      }
    }
  }

  private String readString() {
    pos++; // opening quote
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("Unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String result =
            sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
        pos++;
        return result;
      }
      if (c < 0x20) {
        throw error(
            "Unescaped control character U+" + String.format("%04X", (int) c) + " in string");
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(text, runStart, pos);
        pos++;
        if (pos >= text.length()) {
          throw error("Unterminated escape sequence in string");
        }
        char e = text.charAt(pos);
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            sb.append(readUnicodeEscape());
            break;
          default:
            throw error("Invalid escape sequence '\\" + e + "' in string");
        }
        pos++;
        runStart = pos;
      } else {
        pos++;
      }
    }
  }

  private char readUnicodeEscape() {
    if (pos + 4 >= text.length()) {
      throw error("Truncated \\u escape in string");
    }
    int value = 0;
    for (int i = 1; i <= 4; i++) {
      int digit = Character.digit(text.charAt(pos + i), 16);
      if (digit < 0) {
        pos += i;
        throw error("Invalid hex digit in \\u escape");
      }
      value = value * 16 + digit;
    }
    pos += 4;
    return (char) value;
  }

  private Object readNumber() {
    int start = pos;
    boolean integral = true;
    if (peek() == '-') {
      pos++;
    }
    char c = peek();
    if (c == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("Leading zeros are not allowed in numbers");
      }
    } else if (c >= '1' && c <= '9') {
      skipDigits();
    } else {
      throw error("Unexpected " + describeCurrent() + ": expected a digit");
    }
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("Expected a digit after the decimal point");
      }
      skipDigits();
    }
    c = peek();
    if (c == 'e' || c == 'E') {
      integral = false;
      pos++;
      c = peek();
      if (c == '+' || c == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("Expected a digit in the exponent");
      }
      skipDigits();
    }
    String literal = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException overflow) {
        return new BigDecimal(literal);
      }
    }
    return new BigDecimal(literal);
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void expectLiteral(String literal) {
    if (!text.startsWith(literal, pos)) {
      throw error("Unexpected " + describeCurrent() + ": expected a value");
    }
    pos += literal.length();
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("Nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private String describeCurrent() {
    if (pos >= text.length()) {
      return "end of input";
    }
    char c = text.charAt(pos);
    if (c < 0x20 || c == 0x7f) {
      return "character U+" + String.format("%04X", (int) c);
    }
    return "character '" + c + "'";
  }

  private JsonException error(String what) {
    int line = 1;
    int column = 1;
    int end = Math.min(pos, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new JsonException(
        what + " at line " + line + ", column " + column + " (offset " + pos + ")");
  }
}
