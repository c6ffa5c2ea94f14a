package dev.servicekit.core.spi;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.HealthCheck;
import dev.servicekit.core.ServiceInfo;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;

/**
 * What a {@link ComponentProvider} receives from the runtime when it creates its component.
 *
 * <p>The management endpoint is already bound when providers run, so {@link #managementUri()} is
 * the real address (a registry uses it for its HTTP health check).
 */
public interface ComponentContext {

  /** The resolved identity of this service. */
  ServiceInfo serviceInfo();

  /** Configuration with the runtime's precedence: builder, system property, environment. */
  ServiceConfig config();

  /** Where the component registers its meters (named {@code servicekit.<module>.<what>}). */
  MeterRegistry meterRegistry();

  /** Bound base URI of the management endpoint, for example {@code http://10.0.0.5:8081}. */
  URI managementUri();

  /**
   * Adds a health check owned by the component; it shows on the management endpoint like the
   * application's own checks.
   */
  void addHealthCheck(String name, HealthCheck.Kind kind, HealthCheck check);
}
