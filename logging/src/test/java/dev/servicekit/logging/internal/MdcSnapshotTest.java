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

  @Test
  void findsTheTraceEntriesWhereverPutsAndRemovesLeftThem() {
    java.util.Random random = new java.util.Random(7);
    String[] keys = {"trace_id", "span_id", "trace_flags", "a", "b", "c"};
    MdcSnapshot s = MdcSnapshot.EMPTY;
    Map<String, String> model = new LinkedHashMap<>();
    for (int i = 0; i < 5000; i++) {
      String key = keys[random.nextInt(keys.length)];
      if (random.nextInt(3) == 0) {
        s = s.without(key);
        model.remove(key);
      } else {
        String value = random.nextInt(5) == 0 ? null : "v" + i;
        s = s.with(key, value);
        model.put(key, value);
      }
      assertThat(s.traceId()).isEqualTo(model.get("trace_id"));
      assertThat(s.spanId()).isEqualTo(model.get("span_id"));
      assertThat(s.traceFlags()).isEqualTo(model.get("trace_flags"));
      assertThat(s.traceIndex() < 0 ? null : s.key(s.traceIndex()))
          .isEqualTo(model.containsKey("trace_id") ? "trace_id" : null);
      assertThat(s.spanIndex() < 0 ? null : s.key(s.spanIndex()))
          .isEqualTo(model.containsKey("span_id") ? "span_id" : null);
    }
  }
}
