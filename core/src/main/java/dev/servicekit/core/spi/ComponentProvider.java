package dev.servicekit.core.spi;

import java.util.Optional;

/**
 * Creates a {@link ServiceComponent} for a runtime; registered in {@code
 * META-INF/services/dev.servicekit.core.spi.ComponentProvider} and found with {@link
 * java.util.ServiceLoader} when the runtime starts.
 *
 * <p>A provider whose component is not configured (for example, no Consul address) returns {@link
 * Optional#empty()} rather than failing. Bad configuration values throw {@link
 * dev.servicekit.config.ConfigException}.
 */
public interface ComponentProvider {

  /**
   * Start position: lower starts earlier and stops later. The default is 0.
   *
   * @return the position; providers with equal order start in no guaranteed order
   */
  default int order() {
    return 0;
  }

  /**
   * Checks this provider's configuration before anything binds; throw {@link
   * dev.servicekit.config.ConfigException} for a value that cannot be used. Called at start, after
   * the runtime's own settings and identity are resolved and before the management endpoint binds.
   * The default accepts everything.
   *
   * @param config configuration with the runtime's precedence
   */
  default void validate(dev.servicekit.config.ServiceConfig config) {}

  /**
   * Creates the component, not yet started.
   *
   * @param context what the runtime knows at this point: identity, configuration, meters, the bound
   *     management endpoint
   * @return the component, or empty when this provider is not configured
   */
  Optional<ServiceComponent> create(ComponentContext context);
}
