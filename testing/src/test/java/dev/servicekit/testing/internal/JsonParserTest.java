package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {
  @Test
  void parsesEveryValueKindKeepingMemberOrder() {
    Object v =
        JsonParser.parse(" {\"b\":1,\"a\":[true,false,null],\"s\":\"x\",\"d\":-1.5e2,\"o\":{}} \n");
    assertThat(v).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertThat(m.keySet()).containsExactly("b", "a", "s", "d", "o");
    assertThat(m.get("b")).isEqualTo(1L);
    assertThat(m.get("a")).isEqualTo(Arrays.asList(true, false, null));
    assertThat(m.get("s")).isEqualTo("x");
    assertThat(m.get("d")).isEqualTo(new BigDecimal("-1.5e2"));
    assertThat(m.get("o")).isEqualTo(new HashMap<>());
  }

  @Test
  void decodesEscapesAndSurrogatePairs() {
    assertThat(JsonParser.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
        .isEqualTo("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00");
  }

  @Test
  void bigIntegersBecomeBigDecimal() {
    assertThat(JsonParser.parse("12345678901234567890"))
        .isEqualTo(new BigDecimal("12345678901234567890"));
    assertThat(JsonParser.parse("-0")).isEqualTo(0L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "{'a':1}",
        "{a:1}",
        "01",
        "1.",
        ".5",
        "1e",
        "-",
        "NaN",
        "Infinity",
        "tru",
        "nul",
        "\"abc",
        "\"a\\x\"",
        "\"\\u12G4\"",
        "\"tab\there\"",
        "[1 2]",
        "{\"a\" 1}",
        "1 2",
        "// comment\n1",
        "{\"a\":1}}"
      })
  void rejectsInvalidJson(String text) {
    assertThatThrownBy(() -> JsonParser.parse(text)).isInstanceOf(JsonException.class);
  }

  @Test
  void errorsNameLineColumnAndOffset() {
    assertThatThrownBy(() -> JsonParser.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"))
        .hasMessage(
            "Unexpected character '2': expected ':' after object key at line 3, column 7"
                + " (offset 18)");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,\"a\":2}"))
        .hasMessageStartingWith("Duplicate object key \"a\"");
  }

  @Test
  void rejectsTrailingContentAndNamesIt() {
    assertThatThrownBy(() -> JsonParser.parse("{} x"))
        .hasMessageStartingWith("Unexpected character 'x' after the JSON value");
  }

  @Test
  void limitsNestingDepth() {
    String deep = "[".repeat(600) + "]".repeat(600);
    assertThatThrownBy(() -> JsonParser.parse(deep))
        .hasMessageStartingWith("Nesting deeper than 512");
    String ok = "[".repeat(500) + "]".repeat(500);
    assertThat(JsonParser.parse(ok)).isInstanceOf(List.class);
  }

  @Test
  void parseObjectRejectsNonObjects() {
    assertThatThrownBy(() -> JsonParser.parseObject("[1]"))
        .hasMessage("Expected a JSON object but got array");
  }

  @Test
  void namesTypesLikeGo() {
    assertThat(JsonParser.typeName(null)).isEqualTo("null");
    assertThat(JsonParser.typeName("x")).isEqualTo("string");
    assertThat(JsonParser.typeName(1L)).isEqualTo("number");
    assertThat(JsonParser.typeName(true)).isEqualTo("bool");
    assertThat(JsonParser.typeName(List.of())).isEqualTo("array");
    assertThat(JsonParser.typeName(Map.of())).isEqualTo("object");
  }
}
