package dev.servicekit.correlation.internal;

import dev.servicekit.config.spi.MeterSink;
import dev.servicekit.config.spi.MeterSource;
import java.util.Map;

/**
 * Correlation's meters, bound by a running servicekit runtime: {@code
 * servicekit.correlation.rejected} counts inbound ids that were rejected and replaced. Found
 * through {@link java.util.ServiceLoader}.
 */
public final class CorrelationMeters implements MeterSource {

  /** Called by {@link java.util.ServiceLoader}. */
  public CorrelationMeters() {}

  @Override
  public void describe(MeterSink sink) {
    sink.counter(
        "servicekit.correlation.rejected",
        "Inbound correlation ids rejected (too long or bad characters) and replaced by fresh ones",
        Map.of(),
        IdValidator::rejectedCount);
  }
}
