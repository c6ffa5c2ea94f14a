package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.core.HealthStatus;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.registry.CacheStatus;
import dev.servicekit.registry.LoadBalancer;
import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.Subscription;
import dev.servicekit.testing.LocalConsul;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsulDiscoveryTest {

  private LocalConsul consul;
  private final List<ServiceRuntime> runtimes = new ArrayList<>();
  private final AtomicBoolean secondReady = new AtomicBoolean(true);
  private ServiceDiscovery discovery;

  @BeforeEach
  void startServices() {
    consul = Fixtures.consul().start();
    runtimes.add(Fixtures.service(consul, "inventory", "inv-1", 9001).tag("blue").start());
    runtimes.add(
        Fixtures.service(consul, "inventory", "inv-2", 9002)
            .tag("green")
            .healthCheck(
                "toggle", () -> secondReady.get() ? HealthStatus.up() : HealthStatus.down("off"))
            .start());
    ServiceRuntime client = Fixtures.service(consul, "orders", "orders-1", 8080).start();
    runtimes.add(client);
    discovery = client.component(ServiceDiscovery.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> discovery.instances("inventory").size() == 2);
  }

  @AfterEach
  void stopServices() {
    runtimes.forEach(ServiceRuntime::close);
    consul.close();
  }

  private static List<String> ids(List<ServiceInstance> instances) {
    return instances.stream().map(ServiceInstance::id).toList();
  }

  @Test
  void returnsPassingInstancesSortedAndFiltersByTags() {
    assertThat(ids(discovery.instances("inventory"))).containsExactly("inv-1", "inv-2");
    assertThat(ids(discovery.instances("inventory", List.of("green")))).containsExactly("inv-2");
    assertThat(discovery.instances("inventory", List.of("green", "blue"))).isEmpty();
    assertThat(discovery.instances("no-such-service")).isEmpty();
    assertThat(discovery.choose("no-such-service")).isEmpty();
  }

  @Test
  void choosesRoundRobinByDefaultOrWithTheCallersBalancer() {
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      picks.add(discovery.choose("inventory").orElseThrow().id());
    }
    assertThat(picks.subList(0, 2)).containsExactlyInAnyOrder("inv-1", "inv-2");
    assertThat(picks.subList(2, 4)).isEqualTo(picks.subList(0, 2));
    LoadBalancer alwaysLast = instances -> instances.size() - 1;
    assertThat(discovery.choose("inventory", alwaysLast).orElseThrow().id()).isEqualTo("inv-2");
  }

  @Test
  void anInstanceFailingItsCheckDisappearsFromInstancesAndChoose() {
    secondReady.set(false);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> ids(discovery.instances("inventory")), ids -> ids.equals(List.of("inv-1")));
    for (int i = 0; i < 20; i++) {
      assertThat(discovery.choose("inventory").orElseThrow().id()).isEqualTo("inv-1");
    }
    secondReady.set(true);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> discovery.instances("inventory").size() == 2);
  }

  @Test
  void servesTheLastKnownSetDuringAnOutageAndSaysHowStale() {
    consul.goUnreachable();
    await().atMost(Duration.ofSeconds(20)).until(() -> discovery.status("inventory").stale());
    CacheStatus status = discovery.status("inventory");
    assertThat(status.lastSuccess()).isPresent();
    assertThat(status.lastError()).isPresent();
    assertThat(ids(discovery.instances("inventory"))).containsExactly("inv-1", "inv-2");
    assertThat(discovery.choose("inventory")).isPresent();

    consul.becomeReachable();
    await().atMost(Duration.ofSeconds(20)).until(() -> !discovery.status("inventory").stale());
    assertThat(discovery.status("inventory").lastError()).isEmpty();
  }

  @Test
  void tellsSubscribersWhenTheHealthySetChanges() {
    List<List<String>> heard = new CopyOnWriteArrayList<>();
    try (Subscription s = discovery.subscribe("inventory", (name, list) -> heard.add(ids(list)))) {
      assertThat(heard).containsExactly(List.of("inv-1", "inv-2"));
      secondReady.set(false);
      await().atMost(Duration.ofSeconds(15)).until(() -> heard.size() >= 2);
      assertThat(heard.get(heard.size() - 1)).containsExactly("inv-1");
    }
  }

  @Test
  void keepsWatchingAcrossAnAgentRestartWhoseIndexGoesBackwards() {
    consul.restartWithFreshIndex();
    // Every instance re-registers by itself; the watch must notice although the index went back.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ids(discovery.instances("inventory")), ids -> ids.size() == 2);
    secondReady.set(false);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> ids(discovery.instances("inventory")), ids -> ids.equals(List.of("inv-1")));
  }
}
