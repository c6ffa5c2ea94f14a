package dev.servicekit.logging.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** Trace and span ids from OpenTelemetry's current span; loaded only when the API is present. */
final class OtelTraceSource implements TraceSource {

  @Override
  public Object current() {
    try {
      SpanContext context = Span.current().getSpanContext();
      return context.isValid() ? context : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  @Override
  public String traceId(Object context) {
    return ((SpanContext) context).getTraceId();
  }

  @Override
  public String spanId(Object context) {
    return ((SpanContext) context).getSpanId();
  }

  @Override
  public boolean sampled(Object context) {
    return ((SpanContext) context).isSampled();
  }
}
