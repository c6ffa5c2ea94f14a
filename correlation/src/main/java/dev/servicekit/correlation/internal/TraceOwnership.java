package dev.servicekit.correlation.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * Tells whether an OpenTelemetry instrumentation (the agent, or an SDK with its instrumentation
 * libraries) owns the trace of a Context: the Context holds a valid span that was started in this
 * process. Such a span is local ({@link SpanContext#isRemote()} is {@code false}); the span
 * servicekit itself puts into the Context without an SDK wraps the caller's remote span context.
 *
 * <p>Decided from the Context alone, at the moment servicekit would extract or inject: it does not
 * ask {@code GlobalOpenTelemetry}, whose answers differ between agent versions, and costs two field
 * reads per call.
 */
public final class TraceOwnership {

  private TraceOwnership() {}

  /** Whether the span of {@code context} was started by an instrumentation in this process. */
  public static boolean instrumentationOwns(Context context) {
    try {
      SpanContext span = Span.fromContext(context).getSpanContext();
      return span.isValid() && !span.isRemote();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
