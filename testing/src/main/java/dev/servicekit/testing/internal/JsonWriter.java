package dev.servicekit.testing.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes plain Java values (maps in their iteration order, iterables, strings, numbers, booleans,
 * null) as Consul writes JSON, with Jackson: Go's {@code encoding/json} escaping ({@code <}, {@code
 * >} and {@code &} as <code>&#92;u003c</code>, <code>&#92;u003e</code>, <code>&#92;u0026</code>;
 * U+2028/U+2029 and control characters as lower-case <code>&#92;u</code> escapes; {@code \b},
 * {@code \f}, {@code \n}, {@code \r}, {@code \t}), keys in the map's order (Consul's structs have a
 * fixed field order, its maps are sorted: callers pass {@link java.util.LinkedHashMap}s and {@link
 * java.util.TreeMap}s accordingly), and for {@code ?pretty} Go's {@code MarshalIndent} with four
 * spaces plus a final newline.
 */
final class JsonWriter {
  private static final JsonMapper COMPACT = mapper();
  private static final JsonMapper PRETTY = mapper();

  private JsonWriter() {}

  private static JsonMapper mapper() {
    JsonMapper m =
        JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addModule(new SimpleModule().addSerializer(Double.class, new GoFloat()))
            .build();
    m.getFactory().setCharacterEscapes(new GoEscapes());
    return m;
  }

  /**
   * Compact JSON, as Consul answers without {@code ?pretty}.
   *
   * @param value the value
   * @return the JSON text
   * @throws IllegalArgumentException for a value JSON cannot hold (NaN, an arbitrary object)
   */
  public static String write(Object value) {
    return write(COMPACT, value, false);
  }

  /**
   * Indented JSON with a final newline, as Consul answers {@code ?pretty}.
   *
   * @param value the value
   * @return the JSON text
   * @throws IllegalArgumentException for a value JSON cannot hold
   */
  public static String writePretty(Object value) {
    return write(PRETTY, value, true) + "\n";
  }

  private static String write(JsonMapper mapper, Object value, boolean pretty) {
    Object plain = value instanceof Float ? Double.valueOf((Float) value) : value;
    try {
      return pretty
          ? mapper.writer(new GoIndent()).writeValueAsString(plain)
          : mapper.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Go prints integral floats without a fraction and others in their shortest plain form. */
  private static final class GoFloat extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    GoFloat() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      double d = value;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON cannot represent " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        gen.writeNumber((long) d);
      } else {
        gen.writeNumber(BigDecimal.valueOf(d).stripTrailingZeros());
      }
    }
  }

  /** The characters Go's encoder escapes beyond JSON's minimum, in Go's spelling. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    GoEscapes() {
      for (int c = 0; c < 0x20; c++) {
        ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
      }
      ascii['<'] = CharacterEscapes.ESCAPE_CUSTOM;
      ascii['>'] = CharacterEscapes.ESCAPE_CUSTOM;
      ascii['&'] = CharacterEscapes.ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      switch (ch) {
        case '\b':
          return new SerializedString("\\b");
        case '\f':
          return new SerializedString("\\f");
        case '\n':
          return new SerializedString("\\n");
        case '\r':
          return new SerializedString("\\r");
        case '\t':
          return new SerializedString("\\t");
        default:
          if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
            return new SerializedString(
                "\\u"
                    + HEX[(ch >> 12) & 0xF]
                    + HEX[(ch >> 8) & 0xF]
                    + HEX[(ch >> 4) & 0xF]
                    + HEX[ch & 0xF]);
          }
          return null;
      }
    }
  }

  /** Go's {@code MarshalIndent(v, "", " ")}: empty containers stay {@code {}} and {@code []}. */
  private static final class GoIndent implements PrettyPrinter {
    private int level;

    private void newline(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
      for (int i = 0; i < level; i++) {
        g.writeRaw("    ");
      }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
      // one value per document
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      level++;
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      level--;
      if (entries > 0) {
        newline(g);
      }
      g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
      level++;
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      level--;
      if (values > 0) {
        newline(g);
      }
      g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      newline(g);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      newline(g);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      newline(g);
    }
  }
}
