package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MdcSnapshotTest {

  @Test
  void keepsInsertionOrderAndReplacesInPlace() {
    MdcSnapshot s = MdcSnapshot.EMPTY.with("a", "1").with("b", "2").with("a", "3");
    assertThat(s.toMap()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    assertThat(s.without("a").toMap()).containsExactly(Map.entry("b", "2"));
    assertThat(s.without("zzz")).isSameAs(s);
    assertThat(s.with("b", "2")).isSameAs(s);
  }

  @Test
  void buildsFromAMapSkippingNullKeys() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("x", "1");
    map.put(null, "ignored");
    map.put("y", null);
    MdcSnapshot s = MdcSnapshot.of(map);
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.get("y")).isNull();
    assertThat(s.get("x")).isEqualTo("1");
  }
}
