package dev.servicekit.correlation;

/**
 * Whether servicekit propagates W3C {@code traceparent}/{@code tracestate} and {@code baggage}
 * itself ({@code servicekit.correlation.trace-context}).
 */
public enum TraceContextMode {
  /**
   * Propagate them unless an OpenTelemetry SDK or the agent is installed ({@code
   * GlobalOpenTelemetry} is set with non-noop propagators); then it owns spans and servicekit adds
   * only the correlation id. Re-checked now and then (see the README), so an SDK registered after
   * start-up is noticed.
   */
  AUTO,
  /** Always propagate them, SDK or not. */
  PROPAGATE,
  /** Never: propagate the correlation id only. */
  OFF
}
