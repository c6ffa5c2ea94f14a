package dev.servicekit.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds healthy instances of other services.
 *
 * <p>The first question about a service starts a background watch of it (a Consul blocking query)
 * and waits briefly for the first answer; later questions are answered from memory. While the
 * registry is unreachable the last known healthy set is served and {@link #status(String)} says how
 * stale it is. Thread-safe; no method throws because the registry is unavailable.
 *
 * <pre>{@code
 * ServiceDiscovery discovery = runtime.component(ServiceDiscovery.class);
 * URI target = discovery.choose("inventory").orElseThrow().uri();
 * }</pre>
 */
public interface ServiceDiscovery {

  /**
   * The instances of a service whose health checks all pass.
   *
   * @param serviceName the logical service name
   * @return unmodifiable, sorted by ID; empty when none is known
   */
  List<ServiceInstance> instances(String serviceName);

  /**
   * The passing instances of a service that carry all the given tags.
   *
   * @param serviceName the logical service name
   * @param tags tags an instance must all have; empty means no filter
   * @return unmodifiable, sorted by ID
   */
  List<ServiceInstance> instances(String serviceName, Collection<String> tags);

  /**
   * One passing instance chosen by the configured balancer (round-robin unless configured
   * otherwise). Does not allocate once the service is watched.
   *
   * @param serviceName the logical service name
   * @return the instance, or empty when none is known
   */
  Optional<ServiceInstance> choose(String serviceName);

  /**
   * One passing instance chosen by the given balancer.
   *
   * @param serviceName the logical service name
   * @param balancer the caller's balancer; keep one per service
   * @return the instance, or empty when none is known
   */
  Optional<ServiceInstance> choose(String serviceName, LoadBalancer balancer);

  /**
   * Subscribes to changes of a service's healthy set, watching it if it is not watched yet. A
   * listener is called right away with the current set when one is known.
   *
   * @param serviceName the logical service name
   * @param listener called on a discovery thread with the new healthy set each time it changes;
   *     must not block
   * @return the subscription; close it to stop the calls
   */
  Subscription subscribe(String serviceName, InstanceListener listener);

  /**
   * Freshness of the cached instances of a service.
   *
   * @param serviceName the logical service name
   * @return when the set was last refreshed and whether it is stale
   */
  CacheStatus status(String serviceName);

  /**
   * A discovery that knows no instances; what a service without a registry gets.
   *
   * @return the shared no-op discovery
   */
  static ServiceDiscovery none() {
    return NoopServiceDiscovery.INSTANCE;
  }
}
