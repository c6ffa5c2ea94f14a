package dev.servicekit.benchmarks.registry;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.testing.LocalConsul;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Runtimes wired to a {@link LocalConsul} the way the registry client's tests wire them. */
final class RegistryFixture {

  private RegistryFixture() {}

  static ServiceRuntime.Builder service(
      LocalConsul consul, String name, String instanceId, int port, boolean registry) {
    return ServiceRuntime.builder()
        .config(
            ServiceConfig.of(
                Map.of(), new Properties(), Map.of("CONSUL_HTTP_ADDR", consul.httpAddress())))
        .serviceName(name)
        .instanceId(instanceId)
        .address("127.0.0.1")
        .port(port)
        .managementBindAddress("127.0.0.1")
        .managementPort(0)
        .shutdownHook(false)
        .drainPeriod(Duration.ZERO)
        .meterRegistry(new SimpleMeterRegistry())
        .config("servicekit.registry.enabled", Boolean.toString(registry))
        .config("servicekit.registry.check.type", "ttl")
        .config("servicekit.registry.check.ttl", "30s");
  }

  static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
