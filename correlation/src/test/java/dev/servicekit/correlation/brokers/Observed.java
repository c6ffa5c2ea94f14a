package dev.servicekit.correlation.brokers;

import dev.servicekit.correlation.Correlation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * What a message handler sees of the correlation at one moment: the current id, the MDC, and the
 * current trace context. Shared by the messaging adapter tests.
 *
 * @param id {@code Correlation.currentId()}
 * @param mdcId MDC {@code correlation_id}
 * @param traceId trace id of the current span context (all zeros when invalid)
 * @param mdcTraceId MDC {@code trace_id}
 */
public record Observed(String id, String mdcId, String traceId, String mdcTraceId) {

  /** What a valid correlation id looks like (DESIGN.md). */
  public static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

  /** Trace id of the producer-side span context the tests send. */
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  /** Span id of the producer-side span context the tests send. */
  public static final String SPAN_ID = "00f067aa0ba902b7";

  /** The {@code traceparent} header for {@link #TRACE_ID} and {@link #SPAN_ID}, sampled. */
  public static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

  /** Captures what the current thread sees now. */
  public static Observed now() {
    return new Observed(
        Correlation.currentId(),
        MDC.get("correlation_id"),
        Span.current().getSpanContext().getTraceId(),
        MDC.get("trace_id"));
  }

  /**
   * Opens correlation {@code id} with the tests' sampled span context current, as a producer inside
   * a traced request has it without an SDK: the caller's remote context, as servicekit's own
   * extract leaves it (a local span would be an instrumentation's, which writes the trace fields
   * itself).
   */
  public static Scope beginTraced(String id) {
    Scope correlation = Correlation.begin(id);
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
    Scope trace = Context.current().with(Span.wrap(parent)).makeCurrent();
    return () -> {
      trace.close();
      correlation.close();
    };
  }
}
