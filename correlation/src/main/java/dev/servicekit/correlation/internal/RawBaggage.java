package dev.servicekit.correlation.internal;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Inbound W3C baggage in its plainest form, kept as the header text OpenTelemetry's {@link
 * W3CBaggagePropagator} would write for it, so forwarding it downstream writes that text instead of
 * parsing and formatting it again. Whoever reads it as {@link Baggage} gets what OpenTelemetry's
 * own parser makes of the same header, parsed on first use.
 *
 * <p>Plain means: members {@code key=value} separated by single commas, no whitespace, no
 * properties, keys of token characters, values non-empty and made only of the characters
 * OpenTelemetry never escapes (so its percent-decoding and -encoding leave them as they are), no
 * key twice. OpenTelemetry writes members sorted by key; {@link #of} sorts them the same way.
 * Anything else is left to OpenTelemetry's parser. Immutable and thread-safe.
 */
final class RawBaggage implements Baggage {

  static final String HEADER = "baggage";

  private static final int MAX_MEMBERS = 64;

  /** Characters OpenTelemetry's baggage encoder leaves unescaped. */
  private static final boolean[] VALUE_CHARS = new boolean[128];

  /** Token characters (RFC 7230) allowed in a key. */
  private static final boolean[] KEY_CHARS = new boolean[128];

  static {
    for (char c : "-._~!$'()*&@:".toCharArray()) {
      VALUE_CHARS[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      VALUE_CHARS[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      VALUE_CHARS[c] = true;
      VALUE_CHARS[c - 'a' + 'A'] = true;
    }
    for (char c = 33; c < 127; c++) {
      KEY_CHARS[c] = "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
  }

  private final String header;
  private volatile Baggage parsed;

  private RawBaggage(String header) {
    this.header = header;
  }

  /**
   * The baggage of a plain header, or {@code null} when the header is not plain (or empty): then
   * OpenTelemetry's parser decides.
   */
  static RawBaggage of(String value) {
    int length = value.length();
    if (length == 0 || length > SafeCarrier.MAX_VALUE_LENGTH) {
      return null;
    }
    int members = 0;
    boolean sorted = true;
    int previousStart = -1;
    int previousEq = -1;
    int start = 0;
    while (true) {
      int end = value.indexOf(',', start);
      if (end < 0) {
        end = length;
      }
      int eq = plainMember(value, start, end);
      if (eq < 0 || ++members > MAX_MEMBERS) {
        return null;
      }
      if (previousStart >= 0) {
        int order = compareKeys(value, previousStart, previousEq, start, eq);
        if (order == 0) {
          return null;
        }
        sorted &= order < 0;
      }
      previousStart = start;
      previousEq = eq;
      if (end == length) {
        break;
      }
      start = end + 1;
    }
    return new RawBaggage(sorted ? value : sortedCopy(value, members));
  }

  /** The index of {@code '='} of a plain member {@code [from, to)}, or -1. */
  private static int plainMember(String value, int from, int to) {
    int eq = -1;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c >= 128) {
        return -1;
      }
      if (eq < 0) {
        if (c == '=') {
          eq = i;
        } else if (!KEY_CHARS[c]) {
          return -1;
        }
      } else if (!VALUE_CHARS[c]) {
        return -1;
      }
    }
    return eq > from && eq < to - 1 ? eq : -1;
  }

  private static int compareKeys(String value, int aFrom, int aTo, int bFrom, int bTo) {
    int n = Math.min(aTo - aFrom, bTo - bFrom);
    for (int i = 0; i < n; i++) {
      int d = value.charAt(aFrom + i) - value.charAt(bFrom + i);
      if (d != 0) {
        return d;
      }
    }
    return (aTo - aFrom) - (bTo - bFrom);
  }

  /** The members of {@code value} sorted by key (an insertion sort over their bounds). */
  private static String sortedCopy(String value, int members) {
    int[] starts = new int[members];
    int[] eqs = new int[members];
    int[] ends = new int[members];
    int start = 0;
    for (int m = 0; m < members; m++) {
      int end = value.indexOf(',', start);
      if (end < 0) {
        end = value.length();
      }
      int eq = value.indexOf('=', start);
      int at = m;
      while (at > 0 && compareKeys(value, starts[at - 1], eqs[at - 1], start, eq) > 0) {
        starts[at] = starts[at - 1];
        eqs[at] = eqs[at - 1];
        ends[at] = ends[at - 1];
        at--;
      }
      starts[at] = start;
      eqs[at] = eq;
      ends[at] = end;
      start = end + 1;
    }
    StringBuilder sorted = new StringBuilder(value.length());
    for (int m = 0; m < members; m++) {
      if (m > 0) {
        sorted.append(',');
      }
      sorted.append(value, starts[m], ends[m]);
    }
    return sorted.toString();
  }

  /** The header text OpenTelemetry would write for this baggage. */
  String header() {
    return header;
  }

  private Baggage parsed() {
    Baggage b = parsed;
    if (b == null) {
      UnaryOperator<String> carrier = name -> HEADER.equals(name) ? header : null;
      b =
          Baggage.fromContext(
              W3CBaggagePropagator.getInstance().extract(Context.root(), carrier, Carriers.GETTER));
      parsed = b;
    }
    return b;
  }

  @Override
  public int size() {
    return parsed().size();
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super BaggageEntry> consumer) {
    parsed().forEach(consumer);
  }

  @Override
  public Map<String, BaggageEntry> asMap() {
    return parsed().asMap();
  }

  @Override
  public String getEntryValue(String entryKey) {
    return parsed().getEntryValue(entryKey);
  }

  @Override
  public BaggageEntry getEntry(String entryKey) {
    return parsed().getEntry(entryKey);
  }

  @Override
  public BaggageBuilder toBuilder() {
    return parsed().toBuilder();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Baggage && asMap().equals(((Baggage) other).asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return "RawBaggage{" + header + "}";
  }
}
