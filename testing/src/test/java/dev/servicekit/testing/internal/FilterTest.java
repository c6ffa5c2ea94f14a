package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {
  private static final Map<String, Object> ORDERS =
      Map.of(
          "ID",
          "orders-1",
          "Service",
          "orders",
          "Tags",
          List.of("v2", "blue"),
          "Meta",
          Map.of("env", "prod", "team name", "core"),
          "Port",
          8080,
          "Address",
          "10.0.0.1",
          "EnableTagOverride",
          false,
          "Weights",
          Map.of("Passing", 1, "Warning", 1));

  private static boolean matches(String expression) {
    return Filter.parse(expression, FilterSchema.SERVICE).test(ORDERS);
  }

  @Test
  void equalityAndInequalityCompareTypedValues() {
    assertThat(matches("Service == orders")).isTrue();
    assertThat(matches("Service == \"orders\"")).isTrue();
    assertThat(matches("Service == `orders`")).isTrue();
    assertThat(matches("Service != orders")).isFalse();
    assertThat(matches("Port == 8080")).isTrue();
    assertThat(matches("Port == \"8081\"")).isFalse();
    assertThat(matches("EnableTagOverride == false")).isTrue();
    assertThat(matches("Weights.Passing == 1")).isTrue();
  }

  @Test
  void inContainsAndEmptinessWorkOnListsMapsAndStrings() {
    assertThat(matches("v2 in Tags")).isTrue();
    assertThat(matches("\"v3\" not in Tags")).isTrue();
    assertThat(matches("Tags contains blue")).isTrue();
    assertThat(matches("Tags not contains blue")).isFalse();
    assertThat(matches("env in Meta")).isTrue();
    assertThat(matches("Address contains \"0.0\"")).isTrue();
    assertThat(matches("Tags is not empty")).isTrue();
    assertThat(matches("Meta is empty")).isFalse();
    assertThat(matches("Service matches \"^ord\"")).isTrue();
    assertThat(matches("Service not matches \"x$\"")).isTrue();
  }

  @Test
  void mapSelectorsAreDottedOrIndexedAndAbsentKeysNeverEqual() {
    assertThat(matches("Meta.env == prod")).isTrue();
    assertThat(matches("Meta[\"team name\"] == core")).isTrue();
    assertThat(matches("Meta.missing == \"\"")).isFalse();
    assertThat(matches("Meta.missing != prod")).isTrue();
    assertThat(matches("Meta.missing is empty")).isTrue();
  }

  @Test
  void booleanLogicFollowsPrecedenceAndParentheses() {
    assertThat(matches("Service == orders and Port == 1 or v2 in Tags")).isTrue();
    assertThat(matches("Service == orders and (Port == 1 or v3 in Tags)")).isFalse();
    assertThat(matches("not Service == web")).isTrue();
    assertThat(matches("not (Service == orders and Port == 8080)")).isFalse();
  }

  @Test
  void aSelectorThroughAListMatchesWhenAnyElementDoes() {
    Map<String, Object> entry =
        Map.of(
            "Node", Map.of("Node", "n1"),
            "Service", ORDERS,
            "Checks", List.of(Map.of("Status", "passing"), Map.of("Status", "critical")));
    assertThat(Filter.parse("Checks.Status == critical", FilterSchema.HEALTH_ENTRY).test(entry))
        .isTrue();
    assertThat(Filter.parse("Checks.Status != critical", FilterSchema.HEALTH_ENTRY).test(entry))
        .isFalse();
    assertThat(Filter.parse("Service.Meta.env == prod", FilterSchema.HEALTH_ENTRY).test(entry))
        .isTrue();
  }

  @Test
  void invalidExpressionsAreRefusedAsConsulRefusesThem() {
    assertThatThrownBy(() -> Filter.parse("Colour == red", FilterSchema.SERVICE))
        .isInstanceOf(ApiException.class)
        .hasMessage("Failed to create evaluator for expression: Selector \"Colour\" is not valid");
    assertThatThrownBy(() -> Filter.parse("Service ==", FilterSchema.SERVICE))
        .hasMessageStartingWith("Failed to create evaluator for expression: 1:11 (10): ");
    assertThatThrownBy(() -> Filter.parse("Service = orders", FilterSchema.SERVICE))
        .hasMessageStartingWith("Failed to create evaluator for expression: ");
    assertThatThrownBy(() -> Filter.parse("(Service == a", FilterSchema.SERVICE))
        .hasMessageStartingWith("Failed to create evaluator for expression: ");
    assertThatThrownBy(() -> Filter.parse("Port == eighty", FilterSchema.SERVICE))
        .hasMessageContaining("not an integer");
    assertThatThrownBy(() -> Filter.parse("Tags == v2", FilterSchema.SERVICE))
        .hasMessageContaining("cannot be compared");
    assertThatThrownBy(() -> Filter.parse("Service == a extra", FilterSchema.SERVICE))
        .hasMessageStartingWith("Failed to create evaluator for expression: ");
    assertThat(catching(() -> Filter.parse("Service == \"open", FilterSchema.SERVICE)).status())
        .isEqualTo(400);
  }

  private static ApiException catching(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("no ApiException");
  }
}
