package dev.servicekit.correlation.brokers;

import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.InboundPolicy;
import dev.servicekit.correlation.TraceContextMode;

/**
 * Messaging propagators that differ from the configured default in what they write or read, so a
 * test can tell that an adapter used the one it was given.
 */
public final class Propagators {

  /** Writes and reads the correlation id only, never W3C trace context. */
  public static final CorrelationPropagator ID_ONLY =
      CorrelationPropagator.builder()
          .header(CorrelationPropagator.MESSAGING_HEADER)
          .traceContext(TraceContextMode.OFF)
          .build();

  /** Never reads inbound ids: every message gets a fresh one. */
  public static final CorrelationPropagator IGNORING_INBOUND =
      CorrelationPropagator.builder()
          .header(CorrelationPropagator.MESSAGING_HEADER)
          .inbound(InboundPolicy.IGNORE)
          .build();

  private Propagators() {}
}
