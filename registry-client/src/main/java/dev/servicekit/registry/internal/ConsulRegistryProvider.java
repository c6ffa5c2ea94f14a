package dev.servicekit.registry.internal;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.HealthCheck;
import dev.servicekit.core.ServiceInfo;
import dev.servicekit.core.spi.ComponentContext;
import dev.servicekit.core.spi.ComponentProvider;
import dev.servicekit.core.spi.ServiceComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Plugs the Consul registry client into a {@code ServiceRuntime}; found through {@link
 * java.util.ServiceLoader}. Active only when an agent address is configured ({@code
 * CONSUL_HTTP_ADDR} or {@code servicekit.registry.address}).
 */
public final class ConsulRegistryProvider implements ComponentProvider {

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public ConsulRegistryProvider() {}

  /**
   * Starts after discovered components of the default order 0; withdraws (deregisters) before them.
   */
  @Override
  public int order() {
    return 100;
  }

  /** Reads every registry setting before anything binds, so a bad value fails {@code start()}. */
  @Override
  public void validate(ServiceConfig config) {
    ConsulSettings.from(config);
  }

  @Override
  public Optional<ServiceComponent> create(ComponentContext context) {
    Optional<ConsulSettings> found = ConsulSettings.from(context.config());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ConsulSettings settings = found.get();
    Registration registration =
        registration(context.serviceInfo(), context.managementUri(), settings);
    ConsulAgent agent;
    try {
      agent = new ConsulApiAgent(settings);
    } catch (IOException e) {
      throw new ConfigException(
          settings.tls.caCert().isPresent() ? "CONSUL_CACERT" : "CONSUL_HTTP_SSL",
          null,
          null,
          "usable TLS material (" + e.getMessage() + ")");
    }
    RegistryMetrics metrics = new RegistryMetrics(context.meterRegistry());
    ConsulRegistryComponent component =
        new ConsulRegistryComponent(agent, registration, settings, metrics);
    context.addHealthCheck("consul", HealthCheck.Kind.READINESS, component::health);
    return Optional.of(component);
  }

  static Registration registration(ServiceInfo info, URI management, ConsulSettings settings) {
    LinkedHashSet<String> tags = new LinkedHashSet<>(info.tags());
    tags.addAll(settings.tags);
    Map<String, String> meta = new LinkedHashMap<>(info.meta());
    meta.put("version", info.version());
    meta.put("environment", info.environment());
    meta.put("servicekit-version", servicekitVersion());
    return new Registration(
        info.instanceId(),
        info.name(),
        info.address(),
        info.port(),
        new ArrayList<>(tags),
        meta,
        settings.check.definition("service:" + info.instanceId(), management));
  }

  static String servicekitVersion() {
    try (InputStream in =
        ConsulRegistryProvider.class.getResourceAsStream("servicekit-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
