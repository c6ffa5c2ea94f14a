package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceInfoTest {

  @Test
  void copiesTagsAndKeepsMetaInInsertionOrder() {
    List<String> tags = new ArrayList<>(List.of("a"));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("z", "1");
    meta.put("a", "2");
    meta.put("m", "3");
    ServiceInfo info =
        new ServiceInfo("orders", "1", "orders-1", "prod", "10.0.0.1", 80, tags, meta);
    tags.add("b");
    meta.put("late", "x");
    assertThat(info.tags()).containsExactly("a");
    assertThat(info.meta().keySet()).containsExactly("z", "a", "m");
    assertThatThrownBy(() -> info.meta().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullsAndPortsOutOfRange() {
    assertThatThrownBy(() -> new ServiceInfo(null, "1", "i", "e", "a", 0, List.of(), Map.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ServiceInfo("n", "1", "i", "e", "a", 65536, List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    Map<String, String> nullValue = new LinkedHashMap<>();
    nullValue.put("k", null);
    assertThatThrownBy(() -> new ServiceInfo("n", "1", "i", "e", "a", 0, List.of(), nullValue))
        .isInstanceOf(NullPointerException.class);
  }
}
