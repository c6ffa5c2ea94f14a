package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationSettingsCheckTest {

  private static ServiceRuntime.Builder runtime(Map<String, String> env) {
    return ServiceRuntime.builder()
        .config(ServiceConfig.of(Map.of(), Map.of(), env))
        .serviceName("correlation-check")
        .managementBindAddress("127.0.0.1")
        .managementPort(0)
        .drainPeriod(Duration.ZERO)
        .shutdownHook(false);
  }

  @Test
  void aBadCorrelationSettingFailsRuntimeStartNamingKeyValueSourceAndExpectation() {
    assertThatThrownBy(
            () -> runtime(Map.of("SERVICEKIT_CORRELATION_TRACE_CONTEXT", "sometimes")).start())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            ConfigException.message(
                "servicekit.correlation.trace-context",
                "sometimes",
                "environment variable SERVICEKIT_CORRELATION_TRACE_CONTEXT",
                "one of auto, propagate, off"));
    assertThatThrownBy(
            () -> runtime(Map.of()).config("servicekit.correlation.header", "X Flow").start())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            ConfigException.message(
                "servicekit.correlation.header",
                "X Flow",
                "builder",
                "an HTTP header name (1 to 64 token characters)"));
  }

  @Test
  void goodSettingsPass() {
    new CorrelationSettingsCheck()
        .check(
            ServiceConfig.of(
                Map.of("servicekit.correlation.header", "X-Flow-ID"),
                Map.of(),
                Map.of("SERVICEKIT_CORRELATION_INBOUND", "Ignore")));
    try (ServiceRuntime r = runtime(Map.of("SERVICEKIT_CORRELATION_INBOUND", "accept")).start()) {
      assertThat(r.info().name()).isEqualTo("correlation-check");
    }
  }
}
