package dev.servicekit.correlation.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Makes a {@link Context} current and mirrors it into the MDC ({@code correlation_id}, {@code
 * trace_id}, {@code span_id}); closing restores the previous MDC values exactly, absence included,
 * then restores the previous Context. Closing twice is harmless.
 */
public final class MdcScope implements Scope {

  /** MDC key of the correlation id. */
  public static final String CORRELATION_ID = "correlation_id";

  /** MDC key of the trace id. */
  public static final String TRACE_ID = "trace_id";

  /** MDC key of the span id. */
  public static final String SPAN_ID = "span_id";

  private final Scope contextScope;
  private final String previousCorrelationId;
  private final String previousTraceId;
  private final String previousSpanId;
  private boolean closed;

  private MdcScope(Scope contextScope, String correlationId, String traceId, String spanId) {
    this.contextScope = contextScope;
    this.previousCorrelationId = swap(CORRELATION_ID, correlationId);
    this.previousTraceId = swap(TRACE_ID, traceId);
    this.previousSpanId = swap(SPAN_ID, spanId);
  }

  /** Makes {@code context} current and mirrors it into the MDC. */
  public static Scope open(Context context) {
    if (context instanceof HopContext) {
      // the usual inbound hop: its id and its remote span's ids, without asking the Context
      HopContext hop = (HopContext) context;
      RawSpanContext span = hop.rawSpanContext();
      if (span != null) {
        Scope contextScope = hop.makeCurrent();
        return new MdcScope(contextScope, hop.id, span.getTraceId(), span.getSpanId());
      }
    }
    String traceId = null;
    String spanId = null;
    SpanContext spanContext = Span.fromContext(context).getSpanContext();
    if (spanContext.isValid()) {
      traceId = spanContext.getTraceId();
      spanId = spanContext.getSpanId();
    }
    Scope contextScope = context.makeCurrent();
    return new MdcScope(contextScope, context.get(CorrelationKey.KEY), traceId, spanId);
  }

  private static String swap(String key, String value) {
    try {
      String previous = MDC.get(key);
      if (previous != value) {
        put(key, value);
      }
      return previous;
    } catch (RuntimeException e) {
      return null; // a broken MDC backend must not break the request
    }
  }

  private static void put(String key, String value) {
    try {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    } catch (RuntimeException e) {
      // a broken MDC backend must not break the request
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // always put back, even keys this scope did not change: code inside the scope may have
    put(CORRELATION_ID, previousCorrelationId);
    put(TRACE_ID, previousTraceId);
    put(SPAN_ID, previousSpanId);
    contextScope.close();
  }
}
