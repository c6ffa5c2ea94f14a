package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void writesNestedMapsListsAndScalars() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", "text");
    value.put("i", 42);
    value.put("d", 1.5);
    value.put("b", true);
    value.put("n", null);
    value.put("list", List.of("a", 1));
    value.put("map", Map.of("k", "v"));
    assertThat(Json.write(value))
        .isEqualTo(
            "{\"s\":\"text\",\"i\":42,\"d\":1.5,\"b\":true,\"n\":null,"
                + "\"list\":[\"a\",1],\"map\":{\"k\":\"v\"}}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() throws Exception {
    String nasty = "q\"b\\n\nr\rt\t\u0000\u001f\u2028\u2029\b\f end";
    JsonNode parsed = mapper.readTree(Json.write(Map.of("k", nasty)));
    assertThat(parsed.get("k").asText()).isEqualTo(nasty);
    assertThat(Json.write(nasty)).doesNotContain("\n", "\u2028", "\u0000");
  }

  @Test
  void keepsSurrogatePairsAndEscapesLoneSurrogates() throws Exception {
    assertThat(mapper.readTree(Json.write("emoji \uD83D\uDE00")).asText())
        .isEqualTo("emoji \uD83D\uDE00");
    assertThat(Json.write("lone \uD83D x")).isEqualTo("\"lone \\ud83d x\"");
    assertThat(Json.write("\uDE00")).isEqualTo("\"\\ude00\"");
  }

  @Test
  void writesNonFiniteNumbersAndUnknownObjectsAsStrings() throws Exception {
    assertThat(
            Json.write(
                Arrays.asList(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    new Object() {
                      @Override
                      public String toString() {
                        return "custom";
                      }
                    })))
        .isEqualTo("[\"NaN\",\"Infinity\",\"custom\"]");
  }

  @Test
  void jacksonReadsBackEveryCharacterOfTheBasicPlaneAndSupplementaryOnes() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < Character.MIN_SURROGATE; c++) {
      all.append(c);
    }
    for (int c = Character.MAX_SURROGATE + 1; c <= 0xFFFF; c++) {
      all.append((char) c);
    }
    for (int cp : new int[] {0x10000, 0x1F600, 0x1F9D1, 0x10FFFF}) {
      all.appendCodePoint(cp);
    }
    String text = all.toString();

    assertThat(mapper.readTree(Json.write(Map.of("k", text))).get("k").asText()).isEqualTo(text);
    String key = text.substring(0, 40_000);
    assertThat(mapper.readTree(Json.write(Map.of(key, 1))).has(key)).isTrue();
  }

  @Test
  void jacksonReadsLoneSurrogatesBackAsThemselves() throws Exception {
    for (String lone : List.of("\uD800", "x\uDBFF", "\uDC00y", "\uDE00\uD83D")) {
      assertThat(mapper.readTree(Json.write(lone)).asText()).isEqualTo(lone);
    }
  }

  @Test
  void jacksonReadsTheSameTreeAsItsOwnWriterWrites() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("quote\"key", "line\nbreak\ttab\u0007bell");
    value.put("nested", Map.of("list", List.of(1, "two", false), "empty", Map.of()));
    value.put("unicode", "caf\u00e9 \u4e2d\u6587 \uD83D\uDE00 \u2028\u2029");
    value.put("null", null);
    value.put("numbers", List.of(0, -1, 2.5, Long.MAX_VALUE, 1e-7));

    assertThat(mapper.readTree(Json.write(value)))
        .isEqualTo(mapper.readTree(mapper.writeValueAsString(value)));
  }

  @Test
  void jacksonReadsEveryFiniteNumberAsTheSameValue() throws Exception {
    List<Number> numbers =
        List.of(
            0,
            -0.0,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            (short) -7,
            (byte) 127,
            1.5f,
            Float.MAX_VALUE,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            1.0e20,
            -1.0e-300,
            new BigInteger("123456789012345678901234567890"),
            new BigDecimal("1E+3"),
            new BigDecimal("-0.00000001"),
            new AtomicInteger(42),
            new AtomicLong(-42));
    ObjectMapper exact =
        new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    JsonNode read = exact.readTree(Json.write(numbers));

    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < numbers.size(); i++) {
      BigDecimal expected = new BigDecimal(numbers.get(i).toString());
      JsonNode node = read.get(i);
      if (!node.isNumber() || node.decimalValue().compareTo(expected) != 0) {
        mismatches.add(numbers.get(i) + " read as " + node);
      }
    }
    assertThat(read.size()).isEqualTo(numbers.size());
    assertThat(mismatches).isEmpty();
  }
}
