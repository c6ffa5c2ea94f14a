package dev.servicekit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {

  static final List<ServiceInstance> THREE = List.of(instance("a"), instance("b"), instance("c"));

  static ServiceInstance instance(String id) {
    return ServiceInstance.of(id, "inventory", "10.0.0.1", 9000, List.of(), Map.of());
  }

  @Test
  void roundRobinVisitsEachInstanceInTurn() {
    LoadBalancer lb = LoadBalancer.roundRobin();
    List<Integer> picks = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      picks.add(lb.select(THREE));
    }
    assertThat(picks).containsExactly(0, 1, 2, 0, 1, 2, 0);
  }

  @Test
  void roundRobinStaysInRangeWhenTheSetShrinks() {
    LoadBalancer lb = LoadBalancer.roundRobin();
    for (int i = 0; i < 5; i++) {
      lb.select(THREE);
    }
    assertThat(lb.select(THREE.subList(0, 1))).isZero();
  }

  @Test
  void randomReachesEveryInstanceAndNoOther() {
    LoadBalancer lb = LoadBalancer.random();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      seen.add(lb.select(THREE));
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void powerOfTwoChoicesNeverPicksTheMostLoadedOfThree() {
    Map<String, Long> load = Map.of("a", 5L, "b", 0L, "c", 9L);
    LoadBalancer lb = LoadBalancer.powerOfTwoChoices(i -> load.get(i.id()));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      seen.add(lb.select(THREE));
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void powerOfTwoChoicesWithOneInstancePicksIt() {
    LoadBalancer lb = LoadBalancer.powerOfTwoChoices(i -> 1L);
    assertThat(lb.select(THREE.subList(2, 3))).isZero();
  }
}
