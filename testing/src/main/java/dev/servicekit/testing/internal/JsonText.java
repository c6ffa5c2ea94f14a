package dev.servicekit.testing.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text with Jackson into plain Java values: objects are {@link java.util.LinkedHashMap}s
 * in document order, arrays {@link List}s, numbers {@link Long} (integers) or {@link BigDecimal}
 * (the rest), plus {@link String}, {@link Boolean} and null.
 *
 * <p>{@link #parse} reads as Go's {@code encoding/json} does for request bodies (a duplicate key
 * keeps the last value); {@link #parseStrictObject} also refuses duplicate keys, for checking log
 * lines.
 */
public final class JsonText {
  private static final JsonMapper LENIENT = mapper(false);
  private static final JsonMapper STRICT = mapper(true);

  private JsonText() {}

  private static JsonMapper mapper(boolean strictDuplicates) {
    JsonMapper.Builder b =
        JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    if (strictDuplicates) {
      b.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
    return b.build();
  }

  /**
   * Parses one JSON value that makes up the whole text.
   *
   * @param text the JSON text
   * @return the value
   * @throws JsonException when the text is not exactly one valid JSON value
   */
  public static Object parse(String text) {
    return read(LENIENT, text);
  }

  /**
   * Parses a JSON object, refusing duplicate keys.
   *
   * @param text the JSON text
   * @return the object's members in document order
   * @throws JsonException when the text is not valid JSON, not an object, or repeats a key
   */
  public static Map<String, Object> parseStrictObject(String text) {
    return object(read(STRICT, text));
  }

  /**
   * Parses a JSON object (a duplicate key keeps its last value).
   *
   * @param text the JSON text
   * @return the object's members in document order
   * @throws JsonException when the text is not valid JSON or not an object
   */
  public static Map<String, Object> parseObject(String text) {
    return object(parse(text));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    if (!(value instanceof Map)) {
      throw new JsonException("Expected a JSON object but got " + typeName(value));
    }
    return (Map<String, Object>) value;
  }

  private static Object read(JsonMapper mapper, String text) {
    if (text == null || text.isBlank()) {
      throw new JsonException("EOF");
    }
    try {
      return numbersNormalised(mapper.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new JsonException(e.getOriginalMessage() + where);
    }
  }

  /** Integers become {@link Long} when they fit and {@link BigDecimal} when not. */
  @SuppressWarnings("unchecked")
  private static Object numbersNormalised(Object value) {
    if (value instanceof Integer) {
      return ((Integer) value).longValue();
    }
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    if (value instanceof Map) {
      ((Map<String, Object>) value).replaceAll((k, v) -> numbersNormalised(v));
    } else if (value instanceof List) {
      ((List<Object>) value).replaceAll(JsonText::numbersNormalised);
    }
    return value;
  }

  /**
   * Names a parsed value's JSON type the way Go's error messages say it.
   *
   * @param value a value produced by this class
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
}
