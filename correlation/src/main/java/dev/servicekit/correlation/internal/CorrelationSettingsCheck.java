package dev.servicekit.correlation.internal;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.spi.SettingsCheck;
import dev.servicekit.correlation.CorrelationPropagator;

/**
 * Checks the correlation settings when a runtime starts, so a bad {@code servicekit.correlation.*}
 * value fails {@code start()} rather than the first request. Found through {@link
 * java.util.ServiceLoader}.
 */
public final class CorrelationSettingsCheck implements SettingsCheck {

  /** Called by {@link java.util.ServiceLoader}. */
  public CorrelationSettingsCheck() {}

  @Override
  public void check(ServiceConfig config) {
    CorrelationPropagator.http(config);
  }
}
