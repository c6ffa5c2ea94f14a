package dev.servicekit.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.http.CorrelatingHttpClient;
import dev.servicekit.registry.CacheStatus;
import dev.servicekit.registry.InstanceListener;
import dev.servicekit.registry.LoadBalancer;
import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.Subscription;
import dev.servicekit.testing.LocalConsul;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  void anUnreachableInstanceIsRetriedOnceOnAnotherInstance() throws Exception {
    inventory.status.set(200);
    ServiceInstance dead =
        ServiceInstance.of(
            "inventory-dead", "inventory", "127.0.0.1", deadPort(), List.of(), Map.of());
    ServiceInstance alive = orders.component(ServiceDiscovery.class).instances("inventory").get(0);
    InventoryClient retrying =
        new InventoryClient(new DeadFirst(dead, alive), HttpClient.newHttpClient());

    assertThat(retrying.reserve("widget", 1))
        .isEqualTo(new InventoryClient.Reservation(true, "inventory-a"));
  }

  @Test
  void anUnreachableInstanceWithNoOtherMeansInventoryIsUnavailable() throws Exception {
    ServiceInstance dead =
        ServiceInstance.of(
            "inventory-dead", "inventory", "127.0.0.1", deadPort(), List.of(), Map.of());
    InventoryClient alone = new InventoryClient(new DeadFirst(dead), HttpClient.newHttpClient());

    assertThatThrownBy(() -> alone.reserve("widget", 1))
        .isInstanceOf(InventoryClient.InventoryUnavailableException.class)
        .hasMessageContaining("no inventory instance answered");
  }

  /** A port nothing listens on (bound, then released). */
  private static int deadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Discovery whose {@code choose} always hands out the first instance, as a stuck balancer. */
  private static final class DeadFirst implements ServiceDiscovery {
    private final List<ServiceInstance> instances;

    DeadFirst(ServiceInstance... instances) {
      this.instances = List.of(instances);
    }

    @Override
    public List<ServiceInstance> instances(String serviceName) {
      return instances;
    }

    @Override
    public List<ServiceInstance> instances(String serviceName, Collection<String> tags) {
      return instances;
    }

    @Override
    public Optional<ServiceInstance> choose(String serviceName) {
      return Optional.of(instances.get(0));
    }

    @Override
    public Optional<ServiceInstance> choose(String serviceName, LoadBalancer balancer) {
      return choose(serviceName);
    }

    @Override
    public Subscription subscribe(String serviceName, InstanceListener listener) {
      return ServiceDiscovery.none().subscribe(serviceName, listener);
    }

    @Override
    public CacheStatus status(String serviceName) {
      return ServiceDiscovery.none().status(serviceName);
    }
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
