package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void neutralisesLineBreaksAndTerminalEscapes() {
    assertThat(Text.printable("a\nb\r\u001b[31mred\tx")).isEqualTo("a\\nb\\r\\u001b[31mred x");
    assertThat(Text.printable("plain")).isEqualTo("plain");
  }

  @Test
  void printsInstantsWithFixedMillisecondWidth() {
    assertThat(Text.time(Instant.parse("2026-11-23T14:16:23Z")))
        .isEqualTo("2026-11-23T14:16:23.000Z");
    assertThat(Text.time(Instant.parse("2026-11-23T14:16:23.123456Z")))
        .isEqualTo("2026-11-23T14:16:23.123Z");
  }

  @Test
  void printsDurationsForPeople() {
    assertThat(Text.duration(Duration.ofMillis(183))).isEqualTo("183 ms");
    assertThat(Text.duration(Duration.ofMillis(42_100))).isEqualTo("42.1 s");
    assertThat(Text.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
  }

  @Test
  void padsToAWidthWithoutTruncating() {
    assertThat(Text.pad("ab", 4)).isEqualTo("ab  ");
    assertThat(Text.padLeft("ab", 4)).isEqualTo("  ab");
    assertThat(Text.pad("abcdef", 4)).isEqualTo("abcdef");
  }
}
