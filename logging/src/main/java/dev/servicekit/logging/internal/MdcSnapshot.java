package dev.servicekit.logging.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable MDC: keys and values in insertion order. Each change makes a new snapshot, so an
 * event can keep the current one without copying and iterate it without allocating.
 */
public final class MdcSnapshot {

  /** The empty MDC. */
  public static final MdcSnapshot EMPTY = new MdcSnapshot(new String[0], new String[0]);

  private final String[] keys;
  private final String[] values;

  private MdcSnapshot(String[] keys, String[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** A snapshot of a map's entries in its iteration order; null keys are skipped. */
  public static MdcSnapshot of(Map<String, String> map) {
    MdcSnapshot s = EMPTY;
    if (map != null) {
      for (Map.Entry<String, String> e : map.entrySet()) {
        if (e.getKey() != null) {
          s = s.with(e.getKey(), e.getValue());
        }
      }
    }
    return s;
  }

  /** The number of entries. */
  public int size() {
    return keys.length;
  }

  String key(int i) {
    return keys[i];
  }

  String value(int i) {
    return values[i];
  }

  String get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  private int indexOf(String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  MdcSnapshot with(String key, String value) {
    int i = indexOf(key);
    if (i >= 0) {
      if (Objects.equals(values[i], value)) {
        return this;
      }
      String[] v = values.clone();
      v[i] = value;
      return new MdcSnapshot(keys, v);
    }
    String[] k = Arrays.copyOf(keys, keys.length + 1);
    String[] v = Arrays.copyOf(values, values.length + 1);
    k[keys.length] = key;
    v[values.length] = value;
    return new MdcSnapshot(k, v);
  }

  MdcSnapshot without(String key) {
    int i = indexOf(key);
    if (i < 0) {
      return this;
    }
    if (keys.length == 1) {
      return EMPTY;
    }
    String[] k = new String[keys.length - 1];
    String[] v = new String[values.length - 1];
    System.arraycopy(keys, 0, k, 0, i);
    System.arraycopy(values, 0, v, 0, i);
    System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
    System.arraycopy(values, i + 1, v, i, values.length - i - 1);
    return new MdcSnapshot(k, v);
  }

  Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i]);
    }
    return map;
  }
}
