package dev.servicekit.core;

import dev.servicekit.config.ServiceConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Builders for runtimes that touch neither the real environment nor fixed ports. */
final class TestRuntimes {

  private TestRuntimes() {}

  static ServiceRuntime.Builder builder() {
    return builder(Map.of());
  }

  static ServiceRuntime.Builder builder(Map<String, String> env) {
    return ServiceRuntime.builder()
        .config(ServiceConfig.of(Map.of(), new Properties(), env))
        .serviceName("test-svc")
        .managementBindAddress("127.0.0.1")
        .managementPort(0)
        .drainPeriod(Duration.ZERO)
        .shutdownHook(false)
        .meterRegistry(new SimpleMeterRegistry());
  }
}
