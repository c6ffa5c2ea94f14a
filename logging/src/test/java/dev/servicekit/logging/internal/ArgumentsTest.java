package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class ArgumentsTest {

  @Test
  void keepsImmutableArgumentsAndTheArrayWhenNothingChanges() {
    Object[] args = {"s", 1, 2L, true, null};
    assertThat(Arguments.capture(args)).isSameAs(args);
  }

  @Test
  void turnsMutableArgumentsIntoStringsWithoutTouchingTheCallersArray() {
    StringBuilder sb = new StringBuilder("now");
    Object[] args = {sb, new int[] {1, 2}, new Object[] {"a", new int[] {3}}};
    Object[] captured = Arguments.capture(args);
    assertThat(captured).containsExactly("now", "[1, 2]", "[a, [3]]");
    assertThat(args[0]).isSameAs(sb);
  }

  @Test
  void capturesKeyValuesTheSameWay() {
    List<KeyValuePair> pairs =
        Arguments.captureKeyValues(
            List.of(new KeyValuePair("n", 1), new KeyValuePair("sb", new StringBuilder("x"))));
    assertThat(pairs.get(0).value).isEqualTo(1);
    assertThat(pairs.get(1).value).isEqualTo("x");
    assertThat(Arguments.captureKeyValues(List.of())).isNull();
  }

  @Test
  void aThrowingToStringBecomesAPlaceholder() {
    Object bad =
        new Object() {
          @Override
          public String toString() {
            throw new StackOverflowError();
          }
        };
    assertThat(Arguments.safeToString(bad))
        .startsWith("[toString() of ")
        .endsWith(" failed: java.lang.StackOverflowError]");
  }
}
