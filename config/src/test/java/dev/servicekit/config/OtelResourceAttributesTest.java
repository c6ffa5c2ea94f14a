package dev.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.GrammarCases.Case;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelResourceAttributesTest {

  @Test
  void parsesTheSharedTable() {
    for (Case c : GrammarCases.of("otel")) {
      assertThat(OtelResourceAttributes.parse(c.input()).map(GrammarCases::attributes))
          .as(c.toString())
          .isEqualTo(ValuesTest.expected(c));
    }
  }

  @Test
  void keepsTheOrderOfTheValue() {
    assertThat(OtelResourceAttributes.parse("z=1,a=2,m=3").orElseThrow().keySet())
        .containsExactly("z", "a", "m");
  }

  @Test
  void readsTheEnvironmentVariableWithConfigPrecedence() {
    ServiceConfig config =
        ServiceConfig.of(
            Map.of(), Map.of(), Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from%20env"));
    assertThat(OtelResourceAttributes.from(config)).containsEntry("service.name", "from env");
    assertThat(OtelResourceAttributes.from(ServiceConfig.empty())).isEmpty();
  }

  @Test
  void aMalformedValueFailsNamingTheVariableAndWhatWasExpected() {
    ServiceConfig config =
        ServiceConfig.of(Map.of(), Map.of(), Map.of("OTEL_RESOURCE_ATTRIBUTES", "a=1,oops"));
    assertThatThrownBy(() -> OtelResourceAttributes.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration otel.resource.attributes='a=1,oops'"
                + " (from environment variable OTEL_RESOURCE_ATTRIBUTES): expected "
                + OtelResourceAttributes.EXPECTED);
  }

  @Test
  void decodesSupplementaryCharactersLeftUnencoded() {
    assertThat(OtelResourceAttributes.decode("a\uD83D\uDE00%21")).contains("a\uD83D\uDE00!");
  }
}
