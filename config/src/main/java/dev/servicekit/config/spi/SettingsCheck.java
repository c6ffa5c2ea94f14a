package dev.servicekit.config.spi;

import dev.servicekit.config.ServiceConfig;

/**
 * Validates one module's settings when a runtime starts, before anything binds. Registered in
 * {@code META-INF/services/dev.servicekit.config.spi.SettingsCheck}; the runtime loads every check
 * on its class loader and calls it with its configuration (builder values included).
 *
 * <pre>{@code
 * public final class CorrelationSettingsCheck implements SettingsCheck {
 *   public void check(ServiceConfig config) {
 *     CorrelationSettings.from(config); // throws ConfigException for a bad value
 *   }
 * }
 * }</pre>
 */
public interface SettingsCheck {

  /**
   * Checks the settings.
   *
   * @param config the runtime's configuration
   * @throws dev.servicekit.config.ConfigException when a value cannot be used
   */
  void check(ServiceConfig config);
}
