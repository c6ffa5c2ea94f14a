package dev.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.config.GrammarCases.Case;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {

  enum Mode {
    AUTO,
    PROPAGATE,
    OFF,
    TWO_WORDS
  }

  @Test
  void booleansFollowTheSharedTable() {
    for (Case c : GrammarCases.of("boolean")) {
      assertThat(Values.parseBoolean(c.input()).map(String::valueOf))
          .as(c.toString())
          .isEqualTo(expected(c));
    }
  }

  @Test
  void durationsFollowTheSharedTable() {
    for (Case c : GrammarCases.of("duration")) {
      assertThat(Values.parseDuration(c.input()).map(Duration::toString))
          .as(c.toString())
          .isEqualTo(expected(c));
    }
  }

  @Test
  void integersFollowTheSharedTable() {
    for (Case c : GrammarCases.of("int")) {
      assertThat(Values.parseInt(c.input()).map(String::valueOf))
          .as(c.toString())
          .isEqualTo(expected(c));
    }
  }

  @Test
  void enumsFollowTheSharedTable() {
    for (Case c : GrammarCases.of("enum")) {
      assertThat(Values.parseEnum(c.input(), Mode.class).map(Enum::name))
          .as(c.toString())
          .isEqualTo(expected(c));
    }
  }

  @Test
  void fractionsOfGoDurationsAreExactToTheNanosecond() {
    assertThat(Values.parseDuration("0.1s")).contains(Duration.ofMillis(100));
    assertThat(Values.parseDuration("1.000000001s")).contains(Duration.ofNanos(1_000_000_001));
  }

  @Test
  void choicesNameTheConstantsInLowerCaseWithDashes() {
    assertThat(Values.choices(Mode.class)).isEqualTo("one of auto, propagate, off, two-words");
  }

  @Test
  void listsAreTrimmedWithoutEmptyEntries() {
    assertThat(Values.splitList(" a, ,b ,,")).containsExactly("a", "b");
  }

  static Optional<String> expected(Case c) {
    return c.invalid() ? Optional.empty() : Optional.of(c.expected());
  }
}
