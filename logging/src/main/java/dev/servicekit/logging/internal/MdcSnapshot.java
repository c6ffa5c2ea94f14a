package dev.servicekit.logging.internal;

import dev.servicekit.logging.LogProfile;
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

  /** Each value's JSON, made when first encoded and kept by the snapshots derived from this one. */
  private final Quoted[] quoted;

  /** Where {@code trace_id}, {@code span_id} and {@code trace_flags} are, or -1. */
  private final int traceIndex;

  private final int spanIndex;
  private final int flagsIndex;

  /**
   * The JSON of all entries as one encoder wrote them, kept for the next line with this snapshot;
   * null until then (see {@link #block}).
   */
  private volatile Block block;

  /** Bytes made on one thread and read on others: the final field publishes the array's content. */
  private static final class Quoted {
    final byte[] bytes;

    Quoted(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  /**
   * The entries' JSON as written for {@code profile} with the trace entries skipped as {@code
   * skips} says, valid at any string cap of at least {@code minCap}.
   */
  static final class Block {
    final LogProfile profile;
    final int skips;
    final int minCap;
    final byte[] bytes;

    Block(LogProfile profile, int skips, int minCap, byte[] bytes) {
      this.profile = profile;
      this.skips = skips;
      this.minCap = minCap;
      this.bytes = bytes;
    }
  }

  private MdcSnapshot(
      String[] keys, String[] values, Quoted[] quoted, int trace, int span, int flags) {
    this.keys = keys;
    this.values = values;
    this.quoted = quoted;
    this.traceIndex = trace;
    this.spanIndex = span;
    this.flagsIndex = flags;
  }

  private MdcSnapshot(String[] keys, String[] values, Quoted[] quoted) {
    this(
        keys,
        values,
        quoted,
        find(keys, "trace_id"),
        find(keys, "span_id"),
        find(keys, "trace_flags"));
  }

  private MdcSnapshot(String[] keys, String[] values) {
    this(keys, values, new Quoted[keys.length]);
  }

  private static int find(String[] keys, String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
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

  /**
   * Value {@code i} as a quoted JSON string, as {@link JsonBuffer#writeString} writes it uncut, if
   * an encoder {@linkplain #rememberQuoted remembered} it; else null.
   */
  byte[] quotedValue(int i) {
    Quoted q = quoted[i];
    return q == null ? null : q.bytes;
  }

  /** Keeps the quoted JSON of value {@code i} for the next line that carries this snapshot. */
  void rememberQuoted(int i, byte[] bytes) {
    quoted[i] = new Quoted(bytes);
  }

  /** The value of {@code trace_id}, or null. */
  String traceId() {
    return traceIndex < 0 ? null : values[traceIndex];
  }

  /** The value of {@code span_id}, or null. */
  String spanId() {
    return spanIndex < 0 ? null : values[spanIndex];
  }

  /** The value of {@code trace_flags}, or null. */
  String traceFlags() {
    return flagsIndex < 0 ? null : values[flagsIndex];
  }

  /** Where {@code trace_id} is, or -1. */
  int traceIndex() {
    return traceIndex;
  }

  /** Where {@code span_id} is, or -1. */
  int spanIndex() {
    return spanIndex;
  }

  /** The entries' JSON an encoder {@linkplain #rememberBlock remembered}, or null. */
  Block block() {
    return block;
  }

  /** Keeps the JSON of all entries for the next line that carries this snapshot. */
  void rememberBlock(Block b) {
    block = b;
  }

  String get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  private int indexOf(String key) {
    return find(keys, key);
  }

  MdcSnapshot with(String key, String value) {
    int i = indexOf(key);
    if (i >= 0) {
      if (Objects.equals(values[i], value)) {
        return this;
      }
      String[] v = values.clone();
      v[i] = value;
      Quoted[] q = quoted.clone();
      q[i] = null;
      return new MdcSnapshot(keys, v, q, traceIndex, spanIndex, flagsIndex);
    }
    int n = keys.length;
    String[] k = Arrays.copyOf(keys, n + 1);
    String[] v = Arrays.copyOf(values, n + 1);
    k[n] = key;
    v[n] = value;
    // only the new key can be one of the trace entries
    return new MdcSnapshot(
        k,
        v,
        Arrays.copyOf(quoted, n + 1),
        traceIndex < 0 && key.equals("trace_id") ? n : traceIndex,
        spanIndex < 0 && key.equals("span_id") ? n : spanIndex,
        flagsIndex < 0 && key.equals("trace_flags") ? n : flagsIndex);
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
    Quoted[] q = new Quoted[values.length - 1];
    System.arraycopy(keys, 0, k, 0, i);
    System.arraycopy(values, 0, v, 0, i);
    System.arraycopy(quoted, 0, q, 0, i);
    System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
    System.arraycopy(values, i + 1, v, i, values.length - i - 1);
    System.arraycopy(quoted, i + 1, q, i, values.length - i - 1);
    return new MdcSnapshot(k, v, q);
  }

  Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i]);
    }
    return map;
  }
}
