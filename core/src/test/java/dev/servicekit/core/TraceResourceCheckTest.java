package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TraceResourceCheckTest {

  private static final ServiceInfo ORDERS =
      new ServiceInfo("orders", "1.0", "orders-1", "prod", "127.0.0.1", 8080, List.of(), Map.of());

  private static ServiceConfig env(Map<String, String> env) {
    return ServiceConfig.of(Map.of(), new Properties(), env);
  }

  @Test
  void withoutAnAgentOrSdkThereIsNothingToCompare() {
    assertThat(TraceResourceCheck.warning(ORDERS, env(Map.of()), false)).isEmpty();
  }

  @Test
  void matchingNameAndInstanceIdNeedNoWarning() {
    ServiceConfig config =
        env(
            Map.of(
                "OTEL_SERVICE_NAME", "orders",
                "OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=orders-1,team=shop"));
    assertThat(TraceResourceCheck.warning(ORDERS, config, true)).isEmpty();
  }

  @Test
  void theResourceAttributesServiceNameCountsWhenOtelServiceNameIsUnset() {
    ServiceConfig config =
        env(Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=orders,service.instance.id=orders-1"));
    assertThat(TraceResourceCheck.warning(ORDERS, config, true)).isEmpty();
  }

  @Test
  void unsetSettingsAreNamedWithTheValuesToSet() {
    assertThat(TraceResourceCheck.warning(ORDERS, env(Map.of()), true))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .contains("set OTEL_SERVICE_NAME=orders")
                    .contains("add service.instance.id=orders-1 to OTEL_RESOURCE_ATTRIBUTES"));
  }

  @Test
  void aDifferentTraceNameIsQuotedInTheWarning() {
    ServiceConfig config =
        env(
            Map.of(
                "OTEL_SERVICE_NAME", "order-service",
                "OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=orders-1"));
    assertThat(TraceResourceCheck.warning(ORDERS, config, true))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .contains("set OTEL_SERVICE_NAME=orders (the traces say 'order-service')")
                    .doesNotContain("service.instance.id=orders-1 to"));
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironmentAsInTheAgent() {
    Properties properties = new Properties();
    properties.setProperty("otel.service.name", "orders");
    properties.setProperty("otel.resource.attributes", "service.instance.id=orders-1");
    ServiceConfig config =
        ServiceConfig.of(Map.of(), properties, Map.of("OTEL_SERVICE_NAME", "other"));
    assertThat(TraceResourceCheck.warning(ORDERS, config, true)).isEmpty();
  }

  @Test
  void withoutTheAgentOrTheSdkOnTheClassPathNothingIsPresent() {
    assertThat(TraceResourceCheck.openTelemetryPresent()).isFalse();
  }
}
