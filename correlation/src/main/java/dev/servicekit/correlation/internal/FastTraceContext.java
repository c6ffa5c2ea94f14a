package dev.servicekit.correlation.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
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
    int flags = plainTraceparentFlags(traceparent);
    if (flags >= 0) {
      String tracestate = rawGet(getter, TRACESTATE);
      if (tracestate == null || isPlainTracestate(tracestate)) {
        return parent.with(
            Span.wrap(
                new RawSpanContext(
                    traceparent,
                    tracestate == null || tracestate.isEmpty() ? null : tracestate,
                    flags)));
      }
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

  /** Version 00, exactly 55 characters, lower-case hex, non-zero ids. */
  static boolean isPlainTraceparent(String value) {
    return plainTraceparentFlags(value) >= 0;
  }

  /**
   * The trace flags (0 to 255) of a plain traceparent — version 00, exactly 55 characters,
   * lower-case hex, non-zero ids — or -1 when it is not plain. The flags come from the digits the
   * check has read, so nothing parses them again.
   */
  static int plainTraceparentFlags(String value) {
    if (value.length() != TRACEPARENT_LENGTH
        || value.charAt(0) != '0'
        || value.charAt(1) != '0'
        || value.charAt(2) != '-'
        || value.charAt(35) != '-'
        || value.charAt(52) != '-'
        || !isHex(value, 3, 35, true)
        || !isHex(value, 36, 52, true)) {
      return -1;
    }
    int high = hexDigit(value.charAt(53));
    int low = hexDigit(value.charAt(54));
    return (high | low) < 0 ? -1 : high << 4 | low;
  }

  private static boolean isHex(String value, int from, int to, boolean nonZero) {
    // one table lookup per char, or-ed together: negative if any char is not [0-9a-f], 0 if all '0'
    int digits = 0;
    for (int i = from; i < to; i++) {
      digits |= hexDigit(value.charAt(i));
    }
    return digits >= 0 && (digits != 0 || !nonZero);
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
