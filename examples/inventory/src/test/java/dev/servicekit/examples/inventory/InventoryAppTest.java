package dev.servicekit.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.LogCapture;
import dev.servicekit.testing.RegisteredService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryAppTest {

  private LocalConsul consul;

  @BeforeEach
  void startAgent() {
    consul = LocalConsul.start();
  }

  @AfterEach
  void stopAgent() {
    consul.close();
  }

  private ServiceConfig config(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("servicekit.service.name", "inventory");
    values.put("servicekit.service.instance-id", "inventory-test");
    values.put("servicekit.service.port", "0");
    values.put("servicekit.service.address", "127.0.0.1");
    values.put("servicekit.examples.http.address", "127.0.0.1");
    values.put("servicekit.management.port", "0");
    values.put("servicekit.management.address", "127.0.0.1");
    values.put("servicekit.shutdown.drain", "100ms");
    values.put("servicekit.shutdown.hook", "false");
    values.put("servicekit.registry.address", consul.httpAddress());
    values.putAll(extra);
    return ServiceConfig.of(values, new Properties(), Map.of());
  }

  @Test
  void withoutAConfiguredNameTheAppsNameReachesItsLogLinesThroughTheBuilder() throws Exception {
    Map<String, String> values = new HashMap<>(config(Map.of()).overrides());
    values.remove("servicekit.service.name");
    values.remove("servicekit.registry.address");
    try (LogCapture logs = LogCapture.start()) {
      ServiceRuntime runtime =
          InventoryApp.start(ServiceConfig.of(values, new Properties(), Map.of()));
      try {
        assertThat(runtime.info().name()).isEqualTo(InventoryApp.SERVICE_NAME);
        Map<String, Object> started =
            logs.await(
                l -> String.valueOf(l.get("message")).startsWith("Started inventory"),
                Duration.ofSeconds(30));
        assertThat(started).containsEntry("service.name", "inventory");
      } finally {
        runtime.close();
      }
    }
  }

  @Test
  void registersServesReservationsAndDeregistersOnClose() throws Exception {
    ServiceRuntime runtime =
        InventoryApp.start(config(Map.of("servicekit.examples.inventory.stock", "bolt=4")));
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> consul.services().containsKey("inventory-test"));
      RegisteredService registered = consul.services().get("inventory-test");
      assertThat(registered.name()).isEqualTo("inventory");

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + registered.port() + "/reserve"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .header("X-Correlation-ID", "test-correlation-1")
                      .POST(HttpRequest.BodyPublishers.ofString("sku=bolt&quantity=3"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-Instance-ID")).contains("inventory-test");
      assertThat(response.headers().firstValue("X-Correlation-ID")).contains("test-correlation-1");
      assertThat(response.body()).contains("\"remaining\":1");
    } finally {
      runtime.close();
    }

    assertThat(consul.services()).doesNotContainKey("inventory-test");
  }

  @Test
  void aBadStockSettingFailsAtStartNamingTheKey() {
    assertThatThrownBy(
            () ->
                InventoryApp.start(
                    config(Map.of("servicekit.examples.inventory.stock", "bolt=lots"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.examples.inventory.stock");
  }

  @Test
  void aFailedStartReleasesTheApiPort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                InventoryApp.start(
                    config(
                        Map.of(
                            "servicekit.service.port",
                            Integer.toString(port),
                            "servicekit.management.port",
                            "not-a-port"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.management.port");
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }
}
