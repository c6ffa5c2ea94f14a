package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoreMetersTest {

  @Test
  void registersMetersAndRemovesThemOnClose() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ServiceRuntime runtime =
        TestRuntimes.builder()
            .meterRegistry(registry)
            .healthCheck("db", HealthStatus::up)
            .healthCheck("cache", HealthStatus::down)
            .start();
    assertThat(registry.get("servicekit.core.health").tag("check", "db").gauge().value()).isNaN();
    Http.get(runtime.managementUri(), "/health/ready");
    assertThat(
            registry
                .get("servicekit.core.health")
                .tag("check", "db")
                .tag("kind", "readiness")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(registry.get("servicekit.core.health").tag("check", "cache").gauge().value())
        .isEqualTo(0.0);
    assertThat(registry.get("servicekit.core.ready").gauge().value()).isEqualTo(0.0);
    assertThat(registry.get("servicekit.core.uptime").timeGauge().value(TimeUnit.NANOSECONDS))
        .isPositive();
    assertThat(registry.get("servicekit.core.info").tag("service", "test-svc").gauge().value())
        .isEqualTo(1.0);
    runtime.close();
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void checksAddedByComponentsGetGaugesToo() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String id = Recorder.newId();
    try (ServiceRuntime runtime =
        TestRuntimes.builder().meterRegistry(registry).config(Recorder.ID, id).start()) {
      assertThat(registry.find("servicekit.core.health").tag("check", "early").gauge()).isNotNull();
      assertThat(registry.get("servicekit.core.components").gauge().value()).isEqualTo(2.0);
      assertThat(registry.get("servicekit.core.ready").gauge().value()).isEqualTo(1.0);
    }
  }
}
