package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
