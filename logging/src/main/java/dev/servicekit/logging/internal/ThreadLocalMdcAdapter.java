package dev.servicekit.logging.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.spi.MDCAdapter;

/**
 * SLF4J's MDC kept per thread as an immutable {@link MdcSnapshot}: a put or remove replaces the
 * snapshot, so a log event captures the MDC by reference. A null key is ignored rather than thrown.
 *
 * <p>Hand-written: Logback's adapter comes with logback-classic, SLF4J's BasicMDCAdapter copies a
 * map per event and hands it to child threads (behaviour compared with Logback's in its test).
 */
final class ThreadLocalMdcAdapter implements MDCAdapter {

  private final ThreadLocal<MdcSnapshot> current = new ThreadLocal<>();
  private final ThreadLocal<Map<String, Deque<String>>> deques = new ThreadLocal<>();

  /** The calling thread's MDC, never null. */
  MdcSnapshot snapshot() {
    MdcSnapshot s = current.get();
    return s == null ? MdcSnapshot.EMPTY : s;
  }

  @Override
  public void put(String key, String val) {
    if (key != null) {
      current.set(snapshot().with(key, val));
    }
  }

  @Override
  public String get(String key) {
    return key == null ? null : snapshot().get(key);
  }

  @Override
  public void remove(String key) {
    if (key != null) {
      MdcSnapshot next = snapshot().without(key);
      if (next.size() == 0) {
        current.remove();
      } else {
        current.set(next);
      }
    }
  }

  @Override
  public void clear() {
    current.remove();
  }

  @Override
  public Map<String, String> getCopyOfContextMap() {
    MdcSnapshot s = current.get();
    return s == null ? null : s.toMap();
  }

  @Override
  public void setContextMap(Map<String, String> contextMap) {
    MdcSnapshot s = MdcSnapshot.of(contextMap);
    if (s.size() == 0) {
      current.remove();
    } else {
      current.set(s);
    }
  }

  @Override
  public void pushByKey(String key, String value) {
    if (key == null) {
      return;
    }
    Map<String, Deque<String>> map = deques.get();
    if (map == null) {
      map = new HashMap<>();
      deques.set(map);
    }
    map.computeIfAbsent(key, k -> new ArrayDeque<>()).push(value == null ? "" : value);
  }

  @Override
  public String popByKey(String key) {
    Map<String, Deque<String>> map = deques.get();
    Deque<String> d = map == null || key == null ? null : map.get(key);
    return d == null ? null : d.poll();
  }

  @Override
  public Deque<String> getCopyOfDequeByKey(String key) {
    Map<String, Deque<String>> map = deques.get();
    Deque<String> d = map == null || key == null ? null : map.get(key);
    return d == null ? null : new ArrayDeque<>(d);
  }

  @Override
  public void clearDequeByKey(String key) {
    Map<String, Deque<String>> map = deques.get();
    if (map != null && key != null) {
      map.remove(key);
    }
  }
}
