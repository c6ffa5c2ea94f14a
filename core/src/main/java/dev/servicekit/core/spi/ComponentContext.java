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

  /**
   * The resolved identity of this service.
   *
   * @return the identity, final by the time providers run
   */
  ServiceInfo serviceInfo();

  /**
   * Configuration with the runtime's precedence: builder, system property, environment.
   *
   * @return the runtime's configuration, builder values included
   */
  ServiceConfig config();

  /**
   * Where the component registers its meters (named {@code servicekit.<module>.<what>}).
   *
   * @return the runtime's registry; meters stay registered until the runtime stops
   */
  MeterRegistry meterRegistry();

  /**
   * Bound base URI of the management endpoint, for example {@code http://10.0.0.5:8081}.
   *
   * @return the bound URI, never a wildcard address
   */
  URI managementUri();

  /**
   * Adds a health check owned by the component; it shows on the management endpoint like the
   * application's own checks.
   *
   * @param name the check's name on the endpoint; unique among checks of the same kind
   * @param kind whether it counts for liveness or readiness
   * @param check the check; run on the runtime's health threads with its timeout
   */
  void addHealthCheck(String name, HealthCheck.Kind kind, HealthCheck check);
}
