package dev.servicekit.correlation.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A remote {@link SpanContext} that keeps the validated inbound {@code traceparent} and {@code
 * tracestate} text, so forwarding them downstream writes those strings as they are instead of
 * formatting them again. {@link #getTraceState()} parses the tracestate on first use only.
 */
final class RawSpanContext implements SpanContext {

  private final String traceparent;
  private final String tracestate;
  private final String traceId;
  private final String spanId;
  private final TraceFlags flags;
  private volatile TraceState parsedState;

  /**
   * @param traceparent a plain traceparent, already validated
   * @param tracestate the validated raw tracestate, or {@code null}
   * @param flags the traceparent's flags byte, as its validation read them
   */
  RawSpanContext(String traceparent, String tracestate, int flags) {
    this.traceparent = traceparent;
    this.tracestate = tracestate;
    this.traceId = traceparent.substring(3, 35);
    this.spanId = traceparent.substring(36, 52);
    this.flags = TraceFlags.fromByte((byte) flags);
  }

  String traceparent() {
    return traceparent;
  }

  /** The validated raw tracestate, or {@code null}. */
  String tracestate() {
    return tracestate;
  }

  @Override
  public String getTraceId() {
    return traceId;
  }

  @Override
  public String getSpanId() {
    return spanId;
  }

  @Override
  public TraceFlags getTraceFlags() {
    return flags;
  }

  @Override
  public TraceState getTraceState() {
    TraceState state = parsedState;
    if (state == null) {
      state = tracestate == null ? TraceState.getDefault() : parse(traceparent, tracestate);
      parsedState = state;
    }
    return state;
  }

  private static TraceState parse(String traceparent, String tracestate) {
    UnaryOperator<String> carrier =
        name -> {
          if (FastTraceContext.TRACEPARENT.equals(name)) {
            return traceparent;
          }
          return FastTraceContext.TRACESTATE.equals(name) ? tracestate : null;
        };
    Context parsed = FastTraceContext.W3C.extract(Context.root(), carrier, Carriers.GETTER);
    return Span.fromContext(parsed).getSpanContext().getTraceState();
  }

  @Override
  public boolean isValid() {
    return true;
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SpanContext)) {
      return false;
    }
    SpanContext that = (SpanContext) other;
    return that.isRemote()
        && traceId.equals(that.getTraceId())
        && spanId.equals(that.getSpanId())
        && flags.equals(that.getTraceFlags())
        && getTraceState().equals(that.getTraceState());
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, spanId, flags);
  }

  @Override
  public String toString() {
    return "RawSpanContext{traceId=" + traceId + ", spanId=" + spanId + ", flags=" + flags + "}";
  }
}
