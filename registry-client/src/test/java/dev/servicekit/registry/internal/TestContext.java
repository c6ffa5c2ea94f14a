package dev.servicekit.registry.internal;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.HealthCheck;
import dev.servicekit.core.ServiceInfo;
import dev.servicekit.core.spi.ComponentContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** A plain {@link ComponentContext} for tests that run the component without a full runtime. */
final class TestContext implements ComponentContext {

  final ServiceInfo info;
  final ServiceConfig config;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final URI management;
  final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

  TestContext(
      ServiceInfo info, URI management, Map<String, String> config, Map<String, String> env) {
    this.info = info;
    this.management = management;
    this.config = ServiceConfig.of(config, new Properties(), env);
  }

  static ServiceInfo info(String name, String instanceId, int port) {
    return new ServiceInfo(
        name, "1.2.3", instanceId, "test", "127.0.0.1", port, List.of("blue"), Map.of("zone", "a"));
  }

  @Override
  public ServiceInfo serviceInfo() {
    return info;
  }

  @Override
  public ServiceConfig config() {
    return config;
  }

  @Override
  public MeterRegistry meterRegistry() {
    return meters;
  }

  @Override
  public URI managementUri() {
    return management;
  }

  @Override
  public void addHealthCheck(String name, HealthCheck.Kind kind, HealthCheck check) {
    checks.put(name, check);
  }
}
