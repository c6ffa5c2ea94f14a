package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelTableTest {

  @Test
  void theLongestPrefixAtADotBoundaryWins() {
    LevelTable t = new LevelTable(20, Map.of("com.acme", 10, "com.acme.db", 40));
    assertThat(t.threshold("com.acme")).isEqualTo(10);
    assertThat(t.threshold("com.acme.Orders")).isEqualTo(10);
    assertThat(t.threshold("com.acme.db.Pool")).isEqualTo(40);
    assertThat(t.threshold("com.acmex.Other")).isEqualTo(20);
    assertThat(t.threshold("")).isEqualTo(20);
  }

  @Test
  void parsesLevelNamesIncludingOff() {
    assertThat(LevelTable.parse("WARNING")).isEqualTo(30);
    assertThat(LevelTable.parse("off")).isEqualTo(LevelTable.OFF);
    assertThat(LevelTable.parse("loud")).isEqualTo(-1);
    assertThat(LevelTable.name(LevelTable.OFF)).isEqualTo("OFF");
    assertThat(LevelTable.name(0)).isEqualTo("TRACE");
  }

  @Test
  void copiesLeaveTheOriginalUnchanged() {
    LevelTable t = LevelTable.defaults();
    LevelTable changed = t.with("a", 0).withRoot(40);
    assertThat(t.threshold("a")).isEqualTo(20);
    assertThat(changed.threshold("a.b")).isEqualTo(0);
    assertThat(changed.without("a").threshold("a.b")).isEqualTo(40);
  }
}
