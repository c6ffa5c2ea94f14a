package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadLocalMdcAdapterTest {

  private final ThreadLocalMdcAdapter mdc = new ThreadLocalMdcAdapter();

  @Test
  void aSnapshotNeverChangesAfterLaterPuts() {
    mdc.put("a", "1");
    MdcSnapshot before = mdc.snapshot();
    mdc.put("a", "2");
    mdc.put("b", "3");
    mdc.remove("a");
    assertThat(before.toMap()).isEqualTo(Map.of("a", "1"));
    assertThat(mdc.snapshot().toMap()).isEqualTo(Map.of("b", "3"));
  }

  @Test
  void isPerThread() throws Exception {
    mdc.put("a", "main");
    AtomicReference<String> seen = new AtomicReference<>("unset");
    Thread t = new Thread(() -> seen.set(mdc.get("a")));
    t.start();
    t.join();
    assertThat(seen.get()).isNull();
    assertThat(mdc.get("a")).isEqualTo("main");
  }

  @Test
  void copiesAndRestoresContextMapsInInsertionOrder() {
    mdc.setContextMap(new java.util.LinkedHashMap<>(Map.of("x", "1")));
    mdc.put("y", "2");
    assertThat(mdc.getCopyOfContextMap()).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
    mdc.clear();
    assertThat(mdc.getCopyOfContextMap()).isNull();
    assertThat(mdc.snapshot().size()).isZero();
    mdc.put(null, "ignored");
    assertThat(mdc.snapshot().size()).isZero();
  }

  @Test
  void keepsDequesByKey() {
    mdc.pushByKey("k", "1");
    mdc.pushByKey("k", "2");
    assertThat(mdc.getCopyOfDequeByKey("k")).containsExactly("2", "1");
    assertThat(mdc.popByKey("k")).isEqualTo("2");
    mdc.clearDequeByKey("k");
    assertThat(mdc.getCopyOfDequeByKey("k")).isNull();
  }
}
