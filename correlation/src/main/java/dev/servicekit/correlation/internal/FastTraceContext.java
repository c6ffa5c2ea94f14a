package dev.servicekit.correlation.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * W3C trace context without an SDK. The common case — a version {@code 00} {@code traceparent} of
 * lower-case hex and an absent or plainly formed {@code tracestate} — is validated here in one pass
 * and forwarded as the same text; everything else goes to OpenTelemetry's {@link
 * W3CTraceContextPropagator}, which applies the W3C rules (other versions, upper case, invalid
 * values are ignored). Either way the extracted remote span context is put into the Context as a
 * non-recording span ({@link Span#wrap}).
 */
final class FastTraceContext {

  static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private static final int TRACEPARENT_LENGTH = 55;
  private static final int MAX_TRACESTATE_LENGTH = 512;
  private static final int MAX_TRACESTATE_MEMBERS = 32;

  /** The two ids of a traceparent are read as little-endian longs, eight chars each. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Eight {@code '0'} chars: an all-zero id is made of these. */
  private static final long ZEROS = '0' * ONES;

  /** Lower-case hex digit values by char, -1 for anything else. */
  private static final byte[] HEX_DIGITS = new byte[128];

  static {
    java.util.Arrays.fill(HEX_DIGITS, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX_DIGITS[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX_DIGITS[c] = (byte) (c - 'a' + 10);
    }
  }

  private FastTraceContext() {}

  /**
   * Extracts from a raw (unguarded) getter: the fast path validates what it reads itself; the
   * fallback reads through {@link SafeCarrier}.
   */
  static Context extract(Context parent, UnaryOperator<String> getter) {
    String traceparent = rawGet(getter, TRACEPARENT);
    if (traceparent == null) {
      return parent;
    }
    Span plain = plainSpan(traceparent, getter);
    if (plain != null) {
      return parent.with(plain);
    }
    return W3C.extract(parent, SafeCarrier.guard(getter), Carriers.GETTER);
  }

  /**
   * The remote span of a plain {@code traceparent} (and absent or plain {@code tracestate}), read
   * from a raw getter; null when either is not plain (then {@link #extract} decides).
   */
  static Span plainSpan(String traceparent, UnaryOperator<String> getter) {
    int flags = plainTraceparentFlags(traceparent);
    if (flags < 0) {
      return null;
    }
    String tracestate = rawGet(getter, TRACESTATE);
    if (tracestate != null && !isPlainTracestate(tracestate)) {
      return null;
    }
    return Span.wrap(
        new RawSpanContext(
            traceparent, tracestate == null || tracestate.isEmpty() ? null : tracestate, flags));
  }

  static String rawGet(UnaryOperator<String> getter, String name) {
    try {
      return getter.apply(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Injects: the raw values of a {@link RawSpanContext} were validated inbound and go out as they
   * are; anything else is formatted by OpenTelemetry through a guarded setter.
   */
  static void inject(Context context, BiConsumer<String, String> setter) {
    SpanContext spanContext = Span.fromContext(context).getSpanContext();
    if (spanContext instanceof RawSpanContext) {
      inject((RawSpanContext) spanContext, setter);
    } else if (spanContext.isValid()) {
      W3C.inject(context, SafeCarrier.guard(setter), Carriers.SETTER);
    }
  }

  /** Writes a validated inbound span context as it arrived. */
  static void inject(RawSpanContext raw, BiConsumer<String, String> setter) {
    setter.accept(TRACEPARENT, raw.traceparent());
    if (raw.tracestate() != null) {
      setter.accept(TRACESTATE, raw.tracestate());
    }
  }

  /**
   * The trace flags (0 to 255) of a plain traceparent — version 00, exactly 55 characters,
   * lower-case hex, non-zero ids — or -1 when it is not plain. The flags come from the digits the
   * check has read, so nothing parses them again.
   */
  static int plainTraceparentFlags(String value) {
    if (value.length() != TRACEPARENT_LENGTH) {
      return -1;
    }
    // one copy of the 55 chars as bytes (a char above U+00FF becomes '?', which is not hex), then
    // eight chars per step: the two ids are six longs
    byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
    if (b[0] != '0' || b[1] != '0' || b[2] != '-' || b[35] != '-' || b[52] != '-') {
      return -1;
    }
    long t0 = longAt(b, 3);
    long t1 = longAt(b, 11);
    long t2 = longAt(b, 19);
    long t3 = longAt(b, 27);
    long s0 = longAt(b, 36);
    long s1 = longAt(b, 44);
    if (!allHex(t0) || !allHex(t1) || !allHex(t2) || !allHex(t3) || !allHex(s0) || !allHex(s1)) {
      return -1;
    }
    if (t0 == ZEROS && t1 == ZEROS && t2 == ZEROS && t3 == ZEROS || s0 == ZEROS && s1 == ZEROS) {
      return -1; // an all-zero id
    }
    int high = hexDigit((char) (b[53] & 0xFF));
    int low = hexDigit((char) (b[54] & 0xFF));
    return (high | low) < 0 ? -1 : high << 4 | low;
  }

  private static long longAt(byte[] b, int offset) {
    return (long) LONGS.get(b, offset);
  }

  /**
   * Whether each of the eight bytes is a lower-case hex digit ({@code 0-9}, {@code a-f}). With
   * every byte below 0x80, adding {@code 0x80 - c} to each sets its high bit exactly when the byte
   * is at least {@code c}, and no byte carries into the next.
   */
  private static boolean allHex(long x) {
    if ((x & HIGHS) != 0) {
      return false;
    }
    long digit = atLeast(x, '0') & ~atLeast(x, '9' + 1);
    long letter = atLeast(x, 'a') & ~atLeast(x, 'f' + 1);
    return ((digit | letter) & HIGHS) == HIGHS;
  }

  private static long atLeast(long x, int c) {
    return x + (0x80 - c) * ONES;
  }

  /** The value of a lower-case hex digit, -1 for any other char. */
  private static int hexDigit(char c) {
    return c < 128 ? HEX_DIGITS[c] : -1;
  }

  /**
   * A tracestate of at most 32 members {@code key=value} separated by single commas, no optional
   * whitespace, no empty members, keys and values per the W3C grammar. Anything else is left to
   * OpenTelemetry's parser.
   */
  static boolean isPlainTracestate(String value) {
    int length = value.length();
    if (length == 0) {
      return true;
    }
    if (length > MAX_TRACESTATE_LENGTH) {
      return false;
    }
    int members = 0;
    int start = 0;
    while (start <= length) {
      int end = value.indexOf(',', start);
      if (end < 0) {
        end = length;
      }
      if (++members > MAX_TRACESTATE_MEMBERS || !isPlainMember(value, start, end)) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  private static boolean isPlainMember(String value, int from, int to) {
    int eq = value.indexOf('=', from);
    if (eq < 0 || eq >= to || eq == from || eq == to - 1) {
      return false;
    }
    if (!isKey(value, from, eq)) {
      return false;
    }
    for (int i = eq + 1; i < to; i++) {
      char c = value.charAt(i);
      // value chars: 0x20-0x7E except ',' and '='; no leading or trailing space here
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return value.charAt(eq + 1) != ' ' && value.charAt(to - 1) != ' ';
  }

  private static boolean isKey(String value, int from, int to) {
    int length = to - from;
    if (length > 256) {
      return false;
    }
    char first = value.charAt(from);
    if ((first < 'a' || first > 'z') && (first < '0' || first > '9')) {
      return false;
    }
    int at = -1;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
        continue;
      }
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '*'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    if (at < 0) {
      // simple key must start with a letter
      return first >= 'a' && first <= 'z';
    }
    int tenant = at - from;
    int system = to - at - 1;
    return tenant >= 1
        && tenant <= 241
        && system >= 1
        && system <= 14
        && value.charAt(at + 1) >= 'a'
        && value.charAt(at + 1) <= 'z';
  }
}
