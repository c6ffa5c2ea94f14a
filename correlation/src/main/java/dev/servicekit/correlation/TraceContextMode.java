package dev.servicekit.correlation;

/**
 * Whether servicekit propagates W3C {@code traceparent}/{@code tracestate} and {@code baggage}
 * itself ({@code servicekit.correlation.trace-context}).
 */
public enum TraceContextMode {
  /**
   * Propagate them unless an OpenTelemetry instrumentation owns the trace: when the Context already
   * holds a valid span started in this process (the agent's SERVER or CONSUMER span, or one an SDK
   * instrumentation started) at the point servicekit would extract or inject, servicekit leaves
   * spans and trace headers to that instrumentation and adds only the correlation id. Decided per
   * request from the Context, whatever the agent version.
   */
  AUTO,
  /**
   * Always write them, instrumentation or not: outbound, the current span is written, whoever
   * started it. Inbound, the caller's context is read as in {@link #AUTO} (a span an
   * instrumentation already made current is never replaced). For a process with an SDK but no
   * instrumentation of its HTTP or messaging client; under the agent, the agent writes them itself.
   */
  PROPAGATE,
  /** Never: propagate the correlation id only. */
  OFF
}
