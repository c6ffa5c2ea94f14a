package dev.servicekit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceDiscoveryTest {

  @Test
  void noneKnowsNoInstancesAndIsNeverStale() {
    ServiceDiscovery none = ServiceDiscovery.none();
    assertThat(none.instances("x")).isEmpty();
    assertThat(none.instances("x", List.of("a"))).isEmpty();
    assertThat(none.choose("x")).isEmpty();
    assertThat(none.choose("x", LoadBalancer.random())).isEmpty();
    assertThat(none.status("x").stale()).isFalse();
    none.subscribe("x", (n, i) -> {}).close();
  }
}
