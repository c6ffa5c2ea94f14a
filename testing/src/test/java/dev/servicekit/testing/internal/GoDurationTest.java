package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void parsesGoDurations() {
    assertThat(GoDuration.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
    assertThat(GoDuration.parse("2\u00b5s")).isEqualTo(Duration.ofNanos(2000));
    assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(GoDuration.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void rejectsWithGosMessages() {
    assertThatThrownBy(() -> GoDuration.parse("5"))
        .hasMessage("time: missing unit in duration \"5\"");
    assertThatThrownBy(() -> GoDuration.parse("5d"))
        .hasMessage("time: unknown unit \"d\" in duration \"5d\"");
    assertThatThrownBy(() -> GoDuration.parse("abc")).hasMessage("time: invalid duration \"abc\"");
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
    assertThatThrownBy(() -> GoDuration.parse("1..2s"))
        .hasMessage("time: invalid duration \"1..2s\"");
  }

  @Test
  void formatsLikeGosDurationString() {
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(GoDuration.format(Duration.ofMinutes(1))).isEqualTo("1m0s");
    assertThat(GoDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m0s");
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(GoDuration.format(Duration.ofNanos(1500))).isEqualTo("1.5\u00b5s");
    assertThat(GoDuration.format(Duration.ofNanos(12))).isEqualTo("12ns");
    assertThat(GoDuration.format(Duration.ofSeconds(-2))).isEqualTo("-2s");
  }
}
