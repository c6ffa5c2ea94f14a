package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void readsPlainJavaValuesInDocumentOrder() {
    Object v = JsonText.parse("{\"b\":1,\"a\":[true,null,\"x\",1.5,18446744073709551616]}");
    assertThat(v)
        .isEqualTo(
            Map.of(
                "b",
                1L,
                "a",
                java.util.Arrays.asList(
                    true,
                    null,
                    "x",
                    new BigDecimal("1.5"),
                    new BigDecimal("18446744073709551616"))));
    assertThat(JsonText.parseObject("{\"b\":1,\"a\":2}").keySet()).containsExactly("b", "a");
  }

  @Test
  void aDuplicateKeyKeepsTheLastValueUnlessStrict() {
    assertThat(JsonText.parseObject("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", 2L));
    assertThatThrownBy(() -> JsonText.parseStrictObject("{\"a\":1,\"a\":2}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void invalidTextTrailingContentAndNonObjectsAreRefused() {
    assertThatThrownBy(() -> JsonText.parse("{\"a\":1,}")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> JsonText.parse("{} {}")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> JsonText.parse("  ")).hasMessage("EOF");
    assertThatThrownBy(() -> JsonText.parseObject("[1]"))
        .hasMessage("Expected a JSON object but got array");
  }

  @Test
  void namesTypesAsGoDoes() {
    assertThat(JsonText.typeName(List.of())).isEqualTo("array");
    assertThat(JsonText.typeName(true)).isEqualTo("bool");
    assertThat(JsonText.typeName(1L)).isEqualTo("number");
    assertThat(JsonText.typeName(null)).isEqualTo("null");
  }
}
