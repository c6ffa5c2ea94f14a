package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeySetTest {

  @Test
  void rejectsRepeatsUntilClearedAndGrowsPastItsFirstSize() {
    KeySet set = new KeySet();
    for (int i = 0; i < 500; i++) {
      assertThat(set.add("k" + i)).isTrue();
    }
    assertThat(set.add("k42")).isFalse();
    set.clear();
    assertThat(set.add("k42")).isTrue();
  }
}
