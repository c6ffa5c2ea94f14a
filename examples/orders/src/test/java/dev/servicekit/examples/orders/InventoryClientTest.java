package dev.servicekit.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.http.CorrelatingHttpClient;
import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.testing.LocalConsul;
import io.opentelemetry.context.Scope;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryClientTest {

  private LocalConsul consul;
  private TestServices.Inventory inventory;
  private ServiceRuntime orders;
  private InventoryClient client;

  @BeforeAll
  void start() throws Exception {
    consul = LocalConsul.start();
    inventory = new TestServices.Inventory(consul, "inventory-a");
    orders =
        ServiceRuntime.builder().config(TestServices.config(consul, "orders", Map.of())).start();
    ServiceDiscovery discovery = orders.component(ServiceDiscovery.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> !discovery.instances("inventory").isEmpty());
    client = new InventoryClient(discovery, CorrelatingHttpClient.wrap(HttpClient.newHttpClient()));
  }

  @AfterAll
  void stop() {
    orders.close();
    inventory.close();
    consul.close();
  }

  @Test
  void reservesWithAnInstanceFoundThroughDiscoveryAndNamesIt() throws Exception {
    inventory.status.set(200);

    InventoryClient.Reservation reservation;
    try (Scope scope = Correlation.begin("order-flow-1")) {
      reservation = client.reserve("widget", 2);
    }

    assertThat(reservation).isEqualTo(new InventoryClient.Reservation(true, "inventory-a"));
    assertThat(inventory.correlationIds).contains("order-flow-1");
  }

  @Test
  void aConflictMeansNotReserved() throws Exception {
    inventory.status.set(409);

    assertThat(client.reserve("widget", 2).reserved()).isFalse();
  }

  @Test
  void anyOtherAnswerMeansInventoryIsUnavailable() {
    inventory.status.set(500);

    assertThatThrownBy(() -> client.reserve("widget", 2))
        .isInstanceOf(InventoryClient.InventoryUnavailableException.class)
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void noRegisteredInstanceMeansInventoryIsUnavailable() {
    InventoryClient nowhere =
        new InventoryClient(ServiceDiscovery.none(), HttpClient.newHttpClient());

    assertThatThrownBy(() -> nowhere.reserve("widget", 1))
        .isInstanceOf(InventoryClient.InventoryUnavailableException.class)
        .hasMessageContaining("no healthy inventory instance");
  }
}
