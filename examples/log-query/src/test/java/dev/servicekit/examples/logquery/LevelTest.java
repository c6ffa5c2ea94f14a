package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelTest {

  @Test
  void readsSlf4jAndCloudLoggingNames() {
    assertThat(Level.parse("info")).isEqualTo(Level.INFO);
    assertThat(Level.parse("WARNING")).isEqualTo(Level.WARN);
    assertThat(Level.parse("CRITICAL")).isEqualTo(Level.FATAL);
    assertThat(Level.parse("DEFAULT")).isEqualTo(Level.INFO);
    assertThat(Level.parse("loud")).isEqualTo(Level.UNKNOWN);
    assertThat(Level.parse(null)).isEqualTo(Level.UNKNOWN);
  }

  @Test
  void minimumLevelKeepsMoreSevereLevelsOnly() {
    assertThat(Level.ERROR.atLeast(Level.WARN)).isTrue();
    assertThat(Level.WARN.atLeast(Level.WARN)).isTrue();
    assertThat(Level.INFO.atLeast(Level.WARN)).isFalse();
    assertThat(Level.UNKNOWN.atLeast(Level.TRACE)).isFalse();
  }

  @Test
  void errorAndFatalCountAsErrors() {
    assertThat(Level.ERROR.isError()).isTrue();
    assertThat(Level.FATAL.isError()).isTrue();
    assertThat(Level.WARN.isError()).isFalse();
  }
}
