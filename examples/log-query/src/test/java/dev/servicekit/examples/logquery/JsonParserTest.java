package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {

  @Test
  void parsesNestedObjectsArraysAndScalars() {
    Object value =
        JsonParser.parse(
            "{\"a\":{\"b\":[1,-2.5e3,true,false,null]},\"s\":\"x\\\"y\\\\z\\u00e9\\n\"}");

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) value;
    assertThat(((Map<?, ?>) map.get("a")).get("b"))
        .isEqualTo(
            List.of(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, JsonParser.NULL));
    assertThat(map.get("s")).isEqualTo("x\"y\\zé\n");
  }

  @Test
  void repeatedKeyKeepsTheLastValue() {
    Map<?, ?> map = (Map<?, ?>) JsonParser.parse("{\"k\":1,\"k\":\"two\"}");

    assertThat(map.get("k")).isEqualTo("two");
    assertThat(map).hasSize(1);
  }

  @Test
  void rejectsTruncatedAndTornInput() {
    assertThatThrownBy(() -> JsonParser.parse("{\"message\":\"half"))
        .isInstanceOf(JsonParser.MalformedJsonException.class)
        .hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> JsonParser.parse("{\"a\":1}{\"b\":2}"))
        .isInstanceOf(JsonParser.MalformedJsonException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,}"))
        .isInstanceOf(JsonParser.MalformedJsonException.class);
    assertThatThrownBy(() -> JsonParser.parse("{\"a\":01}"))
        .isInstanceOf(JsonParser.MalformedJsonException.class);
  }

  @Test
  void rejectsRawControlCharactersInStrings() {
    assertThatThrownBy(() -> JsonParser.parse("{\"a\":\"x\ty\"}"))
        .isInstanceOf(JsonParser.MalformedJsonException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void capsNestingDepthInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000);

    assertThatThrownBy(() -> JsonParser.parse(deep))
        .isInstanceOf(JsonParser.MalformedJsonException.class)
        .hasMessageContaining("nested deeper");
  }
}
