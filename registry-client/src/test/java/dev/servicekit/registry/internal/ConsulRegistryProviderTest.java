package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Values;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.RegisteredCheck;
import dev.servicekit.testing.RegisteredService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsulRegistryProviderTest {

  private LocalConsul consul;

  @BeforeEach
  void startAgent() {
    consul = Fixtures.consul().start();
  }

  @AfterEach
  void stopAgent() {
    consul.close();
  }

  @Test
  void staysOutOfTheWayWithoutAConsulAddress() {
    try (ServiceRuntime runtime =
        ServiceRuntime.builder()
            .config(ServiceConfig.of(Map.of(), new Properties(), Map.of()))
            .serviceName("orders")
            .managementBindAddress("127.0.0.1")
            .managementPort(0)
            .shutdownHook(false)
            .start()) {
      assertThat(runtime.findComponent(ServiceDiscovery.class)).isEmpty();
      assertThat(
              new ConsulRegistryProvider()
                  .create(
                      new TestContext(
                          TestContext.info("orders", "orders-1", 1),
                              URI.create("http://127.0.0.1:1"),
                          Map.of(), Map.of())))
          .isEmpty();
    }
  }

  @Test
  void theSharedBadValuesFailStartInTheOneFormatBeforeAnythingBinds() {
    Map<String, String> badDuration =
        Map.of(
            "CONSUL_HTTP_ADDR",
            "127.0.0.1:" + consul.port(),
            "SERVICEKIT_REGISTRY_CHECK_INTERVAL",
            "1.5.s");
    Map<String, String> badBoolean =
        Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:" + consul.port(), "CONSUL_HTTP_SSL", "maybe");
    for (Map<String, String> env : java.util.List.of(badDuration, badBoolean)) {
      ServiceRuntime.Builder builder =
          ServiceRuntime.builder()
              .config(ServiceConfig.of(Map.of(), new Properties(), env))
              .serviceName("orders")
              .managementBindAddress("127.0.0.1")
              .managementPort(0)
              .shutdownHook(false);
      org.assertj.core.api.Assertions.assertThatThrownBy(builder::start)
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              env == badDuration
                  ? ConfigException.message(
                      "servicekit.registry.check.interval",
                      "1.5.s",
                      "environment variable SERVICEKIT_REGISTRY_CHECK_INTERVAL",
                      Values.DURATION)
                  : ConfigException.message(
                      "CONSUL_HTTP_SSL",
                      "maybe",
                      "environment variable CONSUL_HTTP_SSL",
                      Values.BOOLEAN));
    }
    assertThat(consul.services()).isEmpty();
  }

  @Test
  void registersAtStartAndDeregistersOnClose() {
    ServiceRuntime runtime =
        Fixtures.service(consul, "orders", "orders-1", 8080).tag("blue").meta("team", "a").start();
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      RegisteredService s = consul.services().get("orders-1");
      assertThat(s).isNotNull();
      assertThat(s.name()).isEqualTo("orders");
      assertThat(s.address()).isEqualTo("127.0.0.1");
      assertThat(s.port()).isEqualTo(8080);
      assertThat(s.tags()).contains("blue");
      assertThat(s.meta())
          .containsEntry("version", "1.2.3")
          .containsEntry("environment", "test")
          .containsEntry("team", "a")
          .containsKey("servicekit-version");
      RegisteredCheck check = consul.checks().get("service:orders-1");
      assertThat(check.type()).isEqualTo("http");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> consul.checkStatus("service:orders-1").orElse(""), "passing"::equals);
    } finally {
      runtime.close();
    }
    assertThat(consul.services()).doesNotContainKey("orders-1");
  }

  @Test
  void findsAHealthyInstanceThroughTheRuntime() {
    try (ServiceRuntime inventory = Fixtures.service(consul, "inventory", "inv-1", 9001).start();
        ServiceRuntime orders = Fixtures.service(consul, "orders", "orders-1", 8080).start()) {
      ServiceDiscovery discovery = orders.component(ServiceDiscovery.class);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> discovery.instances("inventory").size() == 1);
      ServiceInstance chosen = discovery.choose("inventory").orElseThrow();
      assertThat(chosen.id()).isEqualTo("inv-1");
      assertThat(chosen.uri()).isEqualTo(URI.create("http://127.0.0.1:9001"));
    }
  }

  @Test
  void showsTheRegistrationStateInTheReadinessDetails() throws Exception {
    try (ServiceRuntime runtime = Fixtures.service(consul, "orders", "orders-1", 8080).start()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      HttpResponse<String> ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(runtime.managementUri().resolve("/health/ready")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("consul").contains("registered");
    }
  }

  @Test
  void usesATtlCheckWithHeartbeatsWhenConfigured() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ServiceRuntime runtime =
        Fixtures.service(consul, "orders", "orders-1", 8080)
            .meterRegistry(meters)
            .config("servicekit.registry.check.type", "ttl")
            .config("servicekit.registry.check.ttl", "2s")
            .start()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> consul.checkStatus("service:orders-1").orElse(""), "passing"::equals);
      assertThat(consul.checks().get("service:orders-1").type()).isEqualTo("ttl");
      // Still passing after several TTLs: the heartbeats keep it alive.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> meters.get("servicekit.registry.heartbeats").counter().count() >= 6);
      assertThat(consul.checkStatus("service:orders-1")).contains("passing");
      assertThat(meters.get("servicekit.registry.state").gauge().value()).isEqualTo(1.0);
    }
  }
}
