package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthStatusTest {

  @Test
  void downWithAReasonCarriesItAsADetail() {
    HealthStatus status = HealthStatus.down("refused").withDetail("host", "db:5432");
    assertThat(status.isUp()).isFalse();
    assertThat(status.details())
        .containsExactly(
            java.util.Map.entry("reason", "refused"), java.util.Map.entry("host", "db:5432"));
    assertThat(status).hasToString("DOWN {reason=refused, host=db:5432}");
  }

  @Test
  void withDetailReturnsACopyAndALaterValueWins() {
    HealthStatus up = HealthStatus.up();
    HealthStatus detailed = up.withDetail("n", 1).withDetail("n", 2);
    assertThat(up.details()).isEmpty();
    assertThat(detailed.details()).containsEntry("n", 2);
    assertThat(detailed.isUp()).isTrue();
    assertThatThrownBy(() -> detailed.details().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullKeysValuesAndReasons() {
    assertThatThrownBy(() -> HealthStatus.up().withDetail(null, 1))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HealthStatus.up().withDetail("k", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HealthStatus.down(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalityFollowsStatusAndDetails() {
    assertThat(HealthStatus.down("x")).isEqualTo(HealthStatus.down("x"));
    assertThat(HealthStatus.down("x").hashCode()).isEqualTo(HealthStatus.down("x").hashCode());
    assertThat(HealthStatus.down()).isNotEqualTo(HealthStatus.up());
  }
}
