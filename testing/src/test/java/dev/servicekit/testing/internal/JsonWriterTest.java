package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesCompactJsonInMapOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", Arrays.asList("x", null, true, 2.5, new BigDecimal("1E+3")));
    m.put("e", Map.of());
    m.put("l", List.of());
    assertThat(JsonWriter.write(m))
        .isEqualTo("{\"b\":1,\"a\":[\"x\",null,true,2.5,1000],\"e\":{},\"l\":[]}");
  }

  @Test
  void escapesLikeGoIncludingHtmlCharacters() {
    assertThat(JsonWriter.write("<a href=\"x\">&\n\t\u0001\u2028\\"))
        .isEqualTo("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\n\\t\\u0001\\u2028\\\\\"");
  }

  @Test
  void prettyIndentsByFourSpaces() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", List.of(1));
    assertThat(JsonWriter.writePretty(m)).isEqualTo("{\n    \"a\": [\n        1\n    ]\n}\n");
  }

  @Test
  void roundTripsThroughTheParser() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "é \uD83D\uDE00 \" \\ <>&");
    m.put("n", -42L);
    m.put("list", Arrays.asList(true, null, "x"));
    assertThat(JsonText.parse(JsonWriter.write(m))).isEqualTo(m);
  }

  @Test
  void refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> JsonWriter.write(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void escapesControlCharactersAsGo122Does() {
    assertThat(JsonWriter.write("\b\f\u001b\u2029")).isEqualTo("\"\\b\\f\\u001b\\u2029\"");
  }

  @Test
  void prettyKeepsEmptyContainersTight() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("e", Map.of());
    m.put("l", List.of());
    m.put("n", null);
    assertThat(JsonWriter.writePretty(m))
        .isEqualTo("{\n    \"e\": {},\n    \"l\": [],\n    \"n\": null\n}\n");
    assertThat(JsonWriter.writePretty(List.of())).isEqualTo("[]\n");
  }
}
