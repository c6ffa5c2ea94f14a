package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
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

  @Test
  void bindsTheMetersThatModulesDescribeAndRemovesThemOnClose() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ServiceRuntime runtime = TestRuntimes.builder().meterRegistry(registry).start();
    FunctionCounter widgets =
        registry.get("servicekit.test.widgets").tag("kind", "blue").functionCounter();
    double before = widgets.count();
    TestMeterSource.WIDGETS.addAndGet(2);
    assertThat(widgets.count()).isEqualTo(before + 2);
    assertThat(widgets.getId().getDescription()).isEqualTo("Widgets made");
    assertThat(registry.get("servicekit.test.queue").gauge().value()).isEqualTo(3.5);
    runtime.close();
    assertThat(registry.find("servicekit.test.widgets").meter()).isNull();
    assertThat(registry.getMeters()).isEmpty();
  }
}
