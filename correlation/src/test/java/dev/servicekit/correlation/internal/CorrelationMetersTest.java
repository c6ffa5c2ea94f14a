package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.core.ServiceRuntime;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CorrelationMetersTest {

  @Test
  void aRunningRuntimeCountsRejectedInboundIdsAsAMicrometerCounter() {
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
      FunctionCounter rejected = registry.get("servicekit.correlation.rejected").functionCounter();
      double before = rejected.count();
      assertThat(before).isEqualTo(IdValidator.rejectedCount());
      IdValidator.acceptOrNew("bad id with spaces");
      assertThat(rejected.count()).isEqualTo(before + 1);
      assertThat(runtime.info().name()).isEqualTo("meters");
    }
    assertThat(registry.find("servicekit.correlation.rejected").meter()).isNull();
  }
}
