package dev.servicekit.examples.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.examples.drills.DrillResult.Target;
import org.junit.jupiter.api.Test;

class DrillResultTest {

  @Test
  void anUpperBoundIsMetUpToAndIncludingItsValue() {
    assertThat(Target.atMost("failed", 0, 0, "").met()).isTrue();
    assertThat(Target.atMost("failed", 1, 0, "").met()).isFalse();
    assertThat(Target.atMost("t", 2.5, 2.5, "s").describe()).isEqualTo("2.50 s <= 2.50 s");
  }

  @Test
  void aLowerBoundIsMetFromItsValueOn() {
    assertThat(Target.atLeast("retries", 1, 1, "").met()).isTrue();
    assertThat(Target.atLeast("retries", 0, 1, "").met()).isFalse();
  }

  @Test
  void aMissingMeasurementNeverMeetsABound() {
    assertThat(Target.atMost("kill -> critical", -1, 3, "s").met()).isFalse();
    assertThat(Target.atMost("kill -> critical", -1, 3, "s").describe()).startsWith("none s");
  }
}
