package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class JulBridgeTest {

  @Test
  void mapsJulLevelsAsJulToSlf4jDoes() {
    assertThat(JulBridge.slf4jLevel(Level.FINEST)).isEqualTo(org.slf4j.event.Level.TRACE);
    assertThat(JulBridge.slf4jLevel(Level.FINER)).isEqualTo(org.slf4j.event.Level.TRACE);
    assertThat(JulBridge.slf4jLevel(Level.FINE)).isEqualTo(org.slf4j.event.Level.DEBUG);
    assertThat(JulBridge.slf4jLevel(Level.CONFIG)).isEqualTo(org.slf4j.event.Level.DEBUG);
    assertThat(JulBridge.slf4jLevel(Level.INFO)).isEqualTo(org.slf4j.event.Level.INFO);
    assertThat(JulBridge.slf4jLevel(Level.WARNING)).isEqualTo(org.slf4j.event.Level.WARN);
    assertThat(JulBridge.slf4jLevel(Level.SEVERE)).isEqualTo(org.slf4j.event.Level.ERROR);
    assertThat(JulBridge.slf4jLevel(null)).isEqualTo(org.slf4j.event.Level.INFO);
  }

  @Test
  void letsThroughWhatTheMostVerboseServicekitLevelLetsThrough() {
    assertThat(JulBridge.julLevel(LevelTable.parse("trace"))).isEqualTo(Level.FINEST);
    assertThat(JulBridge.julLevel(LevelTable.parse("debug"))).isEqualTo(Level.FINE);
    assertThat(JulBridge.julLevel(LevelTable.parse("info"))).isEqualTo(Level.INFO);
    assertThat(JulBridge.julLevel(LevelTable.parse("error"))).isEqualTo(Level.SEVERE);
    assertThat(JulBridge.julLevel(LevelTable.OFF)).isEqualTo(Level.OFF);
  }

  @Test
  void aPublishedRecordWithABadPatternStillLogsAndNeverThrows() {
    org.slf4j.LoggerFactory.getILoggerFactory();
    long before =
        dev.servicekit.logging.ServicekitLogging.counters().events(org.slf4j.event.Level.INFO);
    java.util.logging.LogRecord r = new java.util.logging.LogRecord(Level.INFO, "bad {0");
    r.setParameters(new Object[] {1});
    r.setLoggerName("jul.test");
    java.util.logging.Handler bridge =
        java.util.Arrays.stream(java.util.logging.Logger.getLogger("").getHandlers())
            .filter(h -> h instanceof JulBridge)
            .findFirst()
            .orElseThrow();
    bridge.publish(r);
    bridge.publish(null);
    assertThat(
            dev.servicekit.logging.ServicekitLogging.counters().events(org.slf4j.event.Level.INFO))
        .isEqualTo(before + 1);
  }
}
