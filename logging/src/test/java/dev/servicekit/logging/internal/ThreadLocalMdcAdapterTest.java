package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Besides its own properties, the adapter is compared with Logback's {@code LogbackMDCAdapter}: the
 * same operations on both must give the same observable results. Intentional differences, each
 * pinned by a test below and left out of the random sequences:
 *
 * <ul>
 *   <li>ours never throws: {@code put(null, v)} is ignored (Logback: IllegalArgumentException),
 *       {@code pushByKey(k, null)} pushes {@code ""} (Logback: NullPointerException), popping an
 *       emptied deque returns null (Logback: NoSuchElementException);
 *   <li>"no entries" is {@code null} for ours, while Logback answers {@code null} or an empty map
 *       or deque depending on how it got there (last remove, {@code setContextMap(empty)}, {@code
 *       clearDequeByKey}); the comparison treats both as empty;
 *   <li>{@code setContextMap} skips null keys, which Logback keeps (though {@code get(null)} is
 *       null in both);
 *   <li>{@code getCopyOfContextMap} keeps insertion order, Logback's is a {@code HashMap}: maps are
 *       compared as maps;
 *   <li>SLF4J's {@code MDCAdapter} has no {@code getKeys()}: Logback's is compared with the key set
 *       of our copy.
 * </ul>
 */
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

  @Test
  void aScriptedSequenceLooksTheSameAsOnLogback() {
    Both both = new Both();
    both.check();
    both.put("a", "1");
    both.put("b", null);
    both.put("a", "2");
    both.check();
    both.remove("missing");
    both.remove(null);
    both.remove("a");
    both.check();
    both.remove("b");
    both.check();
    both.setContextMap(Map.of("x", "1", "y", "2"));
    both.put("z", "3");
    both.check();
    both.setContextMap(Map.of());
    both.check();
    both.setContextMap(null);
    both.check();
    both.put("a", "1");
    both.clear();
    both.check();
    both.pushByKey("k", "1");
    both.pushByKey("k", "2");
    both.pushByKey(null, "ignored");
    both.check();
    assertThat(both.popByKey("k")).isEqualTo("2");
    assertThat(both.popByKey("absent")).isNull();
    assertThat(both.popByKey(null)).isNull();
    both.check();
    both.clearDequeByKey("k");
    both.clearDequeByKey(null);
    both.clearDequeByKey("absent");
    both.check();
    both.pushByKey("k", "3");
    both.put("a", "1");
    both.clear();
    both.check();
  }

  @Test
  void randomSequencesLookTheSameAsOnLogbackOnEveryThread() throws Exception {
    Both both = new Both();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      long seed = 2026 + t;
      threads.add(
          new Thread(
              () -> {
                try {
                  both.runRandomly(new Random(seed), 5_000);
                } catch (Throwable e) {
                  failures.add(e);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(failures).isEmpty();
    both.check();
  }

  @Test
  void neitherHandsItsEntriesToANewThreadNorTakesAnyBack() throws Exception {
    Both both = new Both();
    both.put("parent", "1");
    both.pushByKey("stack", "p");
    AtomicReference<List<Object>> seen = new AtomicReference<>();
    AtomicReference<AssertionError> childFailure = new AtomicReference<>();

    Thread child =
        new Thread(
            () -> {
              seen.set(
                  List.of(
                      String.valueOf(both.ours.getCopyOfContextMap()),
                      String.valueOf(logbackCopy(both.logback)),
                      String.valueOf(both.ours.getCopyOfDequeByKey("stack")),
                      String.valueOf(both.logback.getCopyOfDequeByKey("stack"))));
              both.put("child", "2");
              try {
                both.check();
              } catch (AssertionError e) {
                childFailure.set(e);
              }
            });
    child.start();
    child.join();

    assertThat(childFailure.get()).isNull();
    assertThat(seen.get()).containsExactly("null", "null", "null", "null");
    both.check();
    assertThat(both.ours.get("child")).isNull();
  }

  @Test
  void copiesAreIndependentOfTheMdcInBoth() {
    Both both = new Both();
    both.put("a", "1");
    Map<String, String> given = new HashMap<>(Map.of("x", "1"));
    Map<String, String> oursCopy = both.ours.getCopyOfContextMap();
    Map<String, String> theirCopy = logbackCopy(both.logback);
    oursCopy.put("b", "2");
    theirCopy.put("b", "2");
    both.check();
    both.setContextMap(given);
    given.put("y", "2");
    both.check();
    both.pushByKey("k", "1");
    both.ours.getCopyOfDequeByKey("k").push("2");
    both.logback.getCopyOfDequeByKey("k").push("2");
    both.check();
  }

  @Test
  void aNullKeyIsIgnoredWhereLogbackThrows() {
    LogbackMDCAdapter logback = new LogbackMDCAdapter();
    assertThatThrownBy(() -> logback.put(null, "v")).isInstanceOf(IllegalArgumentException.class);

    mdc.put("a", "1");
    mdc.put(null, "v");

    assertThat(mdc.getCopyOfContextMap()).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void aNullValueIsPushedAsEmptyWhereLogbackThrows() {
    LogbackMDCAdapter logback = new LogbackMDCAdapter();
    assertThatThrownBy(() -> logback.pushByKey("k", null)).isInstanceOf(NullPointerException.class);

    mdc.pushByKey("k", null);

    assertThat(mdc.getCopyOfDequeByKey("k")).containsExactly("");
  }

  @Test
  void poppingAnEmptiedDequeGivesNullWhereLogbackThrows() {
    LogbackMDCAdapter logback = new LogbackMDCAdapter();
    logback.pushByKey("k", "1");
    logback.popByKey("k");
    assertThatThrownBy(() -> logback.popByKey("k")).isInstanceOf(NoSuchElementException.class);

    mdc.pushByKey("k", "1");
    mdc.popByKey("k");

    assertThat(mdc.popByKey("k")).isNull();
  }

  @Test
  void setContextMapSkipsNullKeysThatLogbackKeeps() {
    Map<String, String> withNullKey = new HashMap<>();
    withNullKey.put(null, "n");
    withNullKey.put("k", null);
    LogbackMDCAdapter logback = new LogbackMDCAdapter();
    logback.setContextMap(withNullKey);

    mdc.setContextMap(withNullKey);

    assertThat(logbackCopy(logback)).containsOnlyKeys(null, "k");
    assertThat(mdc.getCopyOfContextMap()).containsOnlyKeys("k").containsEntry("k", null);
    assertThat(mdc.get(null)).isEqualTo(logback.get(null)).isNull();
  }

  @Test
  void noEntriesIsNullWhereLogbackMaySayEmpty() {
    LogbackMDCAdapter logback = new LogbackMDCAdapter();
    logback.put("a", "1");
    logback.remove("a");
    logback.pushByKey("k", "1");
    logback.clearDequeByKey("k");
    assertThat(logbackCopy(logback)).isEmpty();
    assertThat(logback.getKeys()).isEmpty();
    assertThat(logback.getCopyOfDequeByKey("k")).isEmpty();

    mdc.put("a", "1");
    mdc.remove("a");
    mdc.pushByKey("k", "1");
    mdc.clearDequeByKey("k");

    assertThat(mdc.getCopyOfContextMap()).isNull();
    assertThat(mdc.getCopyOfDequeByKey("k")).isNull();
  }

  /** Logback's copy of the context map, whose declared type is a raw {@code Map}. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> logbackCopy(LogbackMDCAdapter logback) {
    return (Map<String, String>) logback.getCopyOfContextMap();
  }

  /** Our adapter and Logback's, driven by the same calls. */
  private static final class Both {
    private static final String[] KEYS = {"a", "b", "c", null};
    private static final String[] VALUES = {"1", "2", "\u00e9\u0000\"", null};

    final ThreadLocalMdcAdapter ours = new ThreadLocalMdcAdapter();
    final LogbackMDCAdapter logback = new LogbackMDCAdapter();

    void put(String key, String value) {
      ours.put(key, value);
      logback.put(key, value);
    }

    void remove(String key) {
      ours.remove(key);
      logback.remove(key);
    }

    void clear() {
      ours.clear();
      logback.clear();
    }

    void setContextMap(Map<String, String> map) {
      ours.setContextMap(map);
      logback.setContextMap(map);
    }

    void pushByKey(String key, String value) {
      ours.pushByKey(key, value);
      logback.pushByKey(key, value);
    }

    String popByKey(String key) {
      String popped = ours.popByKey(key);
      assertThat(popped).as("popByKey(%s)", key).isEqualTo(logback.popByKey(key));
      return popped;
    }

    void clearDequeByKey(String key) {
      ours.clearDequeByKey(key);
      logback.clearDequeByKey(key);
    }

    /** Asserts that everything a caller can observe on this thread is the same in both. */
    void check() {
      Map<String, String> copy = ours.getCopyOfContextMap();
      assertThat(orEmpty(copy)).isEqualTo(orEmpty(logbackCopy(logback)));
      Set<String> logbackKeys = logback.getKeys();
      assertThat(orEmpty(copy).keySet()).isEqualTo(logbackKeys == null ? Set.of() : logbackKeys);
      for (String key : KEYS) {
        assertThat(ours.get(key)).as("get(%s)", key).isEqualTo(logback.get(key));
        assertThat(orEmpty(ours.getCopyOfDequeByKey(key)))
            .as("deque %s", key)
            .isEqualTo(orEmpty(logback.getCopyOfDequeByKey(key)));
      }
    }

    /** Applies {@code steps} random operations, checking after each one. */
    void runRandomly(Random random, int steps) {
      for (int i = 0; i < steps; i++) {
        String key = KEYS[random.nextInt(KEYS.length)];
        String value = VALUES[random.nextInt(VALUES.length)];
        switch (random.nextInt(9)) {
          case 0:
          case 1:
            if (key != null) {
              put(key, value);
            }
            break;
          case 2:
            remove(key);
            break;
          case 3:
            if (random.nextInt(4) == 0) {
              clear();
            }
            break;
          case 4:
            Map<String, String> map = new LinkedHashMap<>();
            for (int n = random.nextInt(3); n > 0; n--) {
              String k = KEYS[random.nextInt(KEYS.length - 1)];
              map.put(k, VALUES[random.nextInt(VALUES.length)]);
            }
            setContextMap(random.nextInt(5) == 0 ? null : map);
            break;
          case 5:
            if (value != null) {
              pushByKey(key, value);
            }
            break;
          case 6:
            Deque<String> logbackDeque = key == null ? null : logback.getCopyOfDequeByKey(key);
            if (logbackDeque == null || !logbackDeque.isEmpty()) {
              popByKey(key);
            }
            break;
          case 7:
            clearDequeByKey(key);
            break;
          default:
            Map<String, String> before = ours.getCopyOfContextMap();
            if (before != null) {
              before.put("not-in-the-mdc", "x");
            }
            break;
        }
        check();
      }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
      return map == null ? Collections.emptyMap() : new HashMap<>(map);
    }

    private static List<String> orEmpty(Deque<String> deque) {
      return deque == null ? List.of() : new ArrayList<>(new ArrayDeque<>(deque));
    }
  }
}
