package dev.servicekit.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class ServicekitLoggingTest {

  @AfterEach
  void reset() {
    ServicekitLogging.setLevel("", "info");
    ServicekitLogging.resetLevel("test.levels");
  }

  @Test
  void isActiveAsTheBoundProvider() {
    assertThat(ServicekitLogging.isActive()).isTrue();
  }

  @Test
  void changesLevelsOfExistingLoggersAtRunTime() {
    Logger log = LoggerFactory.getLogger("test.levels.Component");
    assertThat(log.isDebugEnabled()).isFalse();
    ServicekitLogging.setLevel("test.levels", Level.DEBUG);
    assertThat(log.isDebugEnabled()).isTrue();
    assertThat(ServicekitLogging.effectiveLevel("test.levels.Component")).isEqualTo("DEBUG");
    ServicekitLogging.resetLevel("test.levels");
    assertThat(log.isDebugEnabled()).isFalse();
    ServicekitLogging.setLevel("", "off");
    assertThat(log.isErrorEnabled()).isFalse();
  }

  @Test
  void rejectsUnknownLevelNames() {
    assertThatThrownBy(() -> ServicekitLogging.setLevel("a", "loud"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loud");
  }

  @Test
  void countsEventsPerLevel() {
    long before = ServicekitLogging.counters().events(Level.WARN);
    LoggerFactory.getLogger("test.counters").warn("counted");
    assertThat(ServicekitLogging.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(ServicekitLogging.counters().events(Level.WARN)).isEqualTo(before + 1);
  }
}
