package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeCarrierTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"a\rb", "a\nb", "a\u0000b", "a\u0085b", "a\u007fb", "caf\u00e9", "\u2028"})
  void controlAndNonAsciiValuesAreTreatedAsAbsent(String value) {
    assertThat(SafeCarrier.sanitize(value)).isNull();
  }

  @Test
  void oversizedValuesAreTreatedAsAbsent() {
    assertThat(SafeCarrier.sanitize("a".repeat(SafeCarrier.MAX_VALUE_LENGTH))).isNotNull();
    assertThat(SafeCarrier.sanitize("a".repeat(SafeCarrier.MAX_VALUE_LENGTH + 1))).isNull();
  }

  @Test
  void printableAsciiAndTabPassUnchanged() {
    assertThat(SafeCarrier.sanitize("k=v;p=1,\tx=~")).isEqualTo("k=v;p=1,\tx=~");
  }

  @Test
  void guardedGetterSwallowsCarrierFailures() {
    UnaryOperator<String> broken =
        name -> {
          throw new IllegalStateException("boom");
        };
    assertThat(SafeCarrier.guard(broken).apply("x")).isNull();
  }

  @Test
  void guardedSetterDropsUnsafeValuesAndSwallowsFailures() {
    Map<String, String> out = new HashMap<>();
    SafeCarrier.guard(out::put).accept("ok", "fine");
    SafeCarrier.guard(out::put).accept("bad", "line\r\nbreak");
    assertThat(out).containsOnlyKeys("ok");
    SafeCarrier.guard(
            (String name, String value) -> {
              throw new IllegalStateException("boom");
            })
        .accept("x", "y");
  }
}
