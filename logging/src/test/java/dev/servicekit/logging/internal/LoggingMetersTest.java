package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.logging.ServicekitLogging;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class LoggingMetersTest {

  @Test
  void aRunningRuntimeExposesEventsPerLevelAndDroppedEventsAsMicrometerCounters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (ServiceRuntime runtime =
        ServiceRuntime.builder()
            .serviceName("meters")
            .meterRegistry(registry)
            .managementBindAddress("127.0.0.1")
            .managementPort(0)
            .drainPeriod(Duration.ZERO)
            .shutdownHook(false)
            .start()) {
      FunctionCounter warnings =
          registry.get("servicekit.logging.events").tag("level", "warn").functionCounter();
      double before = warnings.count();
      assertThat(before).isEqualTo(ServicekitLogging.counters().events(Level.WARN));
      LoggerFactory.getLogger("meters").warn("one warning for {}", runtime.info().name());
      assertThat(warnings.count()).isEqualTo(before + 1);
      assertThat(registry.get("servicekit.logging.events").functionCounters()).hasSize(5);
      assertThat(registry.get("servicekit.logging.dropped").functionCounter().count())
          .isEqualTo(ServicekitLogging.counters().dropped());
    }
    assertThat(registry.find("servicekit.logging.events").meters()).isEmpty();
  }
}
