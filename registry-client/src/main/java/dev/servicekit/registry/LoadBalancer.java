package dev.servicekit.registry;

import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Picks one instance out of the healthy instances of a service.
 *
 * <p>A balancer may keep state (a round-robin position), so use one balancer per service. It is
 * called concurrently from any thread, must not block, and should not allocate: {@link
 * ServiceDiscovery#choose(String)} is meant for every outgoing request.
 *
 * <pre>{@code
 * LoadBalancer leastBusy = LoadBalancer.powerOfTwoChoices(inFlight::get);
 * discovery.choose("inventory", leastBusy);
 * }</pre>
 */
@FunctionalInterface
public interface LoadBalancer {

  /**
   * Chooses an instance.
   *
   * @param instances the healthy instances, never empty, in a stable order (sorted by ID)
   * @return the index of the chosen instance in {@code instances}
   */
  int select(List<ServiceInstance> instances);

  /**
   * Each instance in turn; the default.
   *
   * @return a new balancer; thread-safe, keep one per service
   */
  static LoadBalancer roundRobin() {
    return new RoundRobinBalancer();
  }

  /**
   * A uniformly random instance.
   *
   * @return a new balancer; thread-safe
   */
  static LoadBalancer random() {
    return new RandomBalancer();
  }

  /**
   * Two instances at random, then the one with the lower load ("power of two choices").
   *
   * @param load the current load of an instance, for example requests in flight; must be cheap and
   *     thread-safe
   * @return a new balancer; thread-safe
   */
  static LoadBalancer powerOfTwoChoices(ToLongFunction<ServiceInstance> load) {
    return new PowerOfTwoChoicesBalancer(Objects.requireNonNull(load, "load"));
  }
}
