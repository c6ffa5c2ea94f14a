package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdValidatorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "abc-123",
        "550e8400-e29b-41d4-a716-446655440000",
        "urn:corr:42",
        "a.b_c:d/e+f=g-h",
        "Zm9vYmFy+/=="
      })
  void acceptsIdsOfTheAllowedCharacters(String id) {
    assertThat(IdValidator.isValid(id)).isTrue();
  }

  @Test
  void acceptsExactly128CharsAndRejects129() {
    assertThat(IdValidator.isValid("x".repeat(128))).isTrue();
    assertThat(IdValidator.isValid("x".repeat(129))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "a b", "a\tb", "a\rb", "a\nb", "a\u0000b", "a\u0085b", "a\u2028b", "caf\u00e9",
        "a,b", "a;b", "a\"b", "a<b", "${x}", "a%0d%0a", "a\\b", "a~b", "a?b"
      })
  void rejectsEverythingElse(String id) {
    assertThat(IdValidator.isValid(id)).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThat(IdValidator.isValid(null)).isFalse();
  }

  @Test
  void countsRejectionsButNotAbsence() {
    long before = IdValidator.rejectedCount();
    assertThat(IdValidator.acceptOrNull(null)).isNull();
    assertThat(IdValidator.acceptOrNull("ok")).isEqualTo("ok");
    assertThat(IdValidator.rejectedCount()).isEqualTo(before);
    assertThat(IdValidator.acceptOrNull("not ok")).isNull();
    assertThat(IdValidator.rejectedCount()).isEqualTo(before + 1);
  }

  @Test
  void acceptOrNewReplacesAnInvalidIdWithAFreshValidOne() {
    String replaced = IdValidator.acceptOrNew("bad\nid");
    assertThat(replaced).doesNotContain("bad");
    assertThat(IdValidator.isValid(replaced)).isTrue();
    assertThat(IdValidator.acceptOrNew("good")).isEqualTo("good");
  }
}
