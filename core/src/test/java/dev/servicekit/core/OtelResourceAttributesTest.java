package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelResourceAttributesTest {

  @Test
  void parsesCommaSeparatedPairsInOrderTrimmingBlanks() {
    assertThat(
            OtelResourceAttributes.parse(
                " service.name = orders ,service.version=1.2, deployment.environment.name=prod"))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .containsExactly(
                        Map.entry("service.name", "orders"),
                        Map.entry("service.version", "1.2"),
                        Map.entry("deployment.environment.name", "prod")));
  }

  @Test
  void percentDecodesKeysAndValuesAsUtf8AndKeepsPlusSigns() {
    assertThat(OtelResourceAttributes.parse("team=a%2Cb%3Dc,owner=J%C3%BCrgen,expr=1+1,k%20x=v"))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .containsEntry("team", "a,b=c")
                    .containsEntry("owner", "J\u00fcrgen")
                    .containsEntry("expr", "1+1")
                    .containsEntry("k x", "v"));
  }

  @Test
  void valuesMayContainEqualsSignsAndBeEmpty() {
    assertThat(OtelResourceAttributes.parse("a=b=c,empty=,,"))
        .hasValueSatisfying(
            m -> assertThat(m).containsEntry("a", "b=c").containsEntry("empty", ""));
  }

  @Test
  void discardsTheWholeValueWhenAnEntryIsMalformed() {
    assertThat(OtelResourceAttributes.parse("service.name=orders,novalue")).isEmpty();
    assertThat(OtelResourceAttributes.parse("service.name=orders,=x")).isEmpty();
    assertThat(OtelResourceAttributes.parse("service.name=bad%zz")).isEmpty();
    assertThat(OtelResourceAttributes.parse("service.name=cut%4")).isEmpty();
  }

  @Test
  void aLaterDuplicateWins() {
    assertThat(OtelResourceAttributes.parse("k=1,k=2"))
        .hasValueSatisfying(m -> assertThat(m).containsExactly(Map.entry("k", "2")));
  }

  @Test
  void anEmptyValueHasNoAttributes() {
    assertThat(OtelResourceAttributes.parse("")).hasValueSatisfying(m -> assertThat(m).isEmpty());
  }
}
