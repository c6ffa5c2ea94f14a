package dev.servicekit.registry.internal;

import dev.servicekit.registry.CacheStatus;
import dev.servicekit.registry.InstanceListener;
import dev.servicekit.registry.LoadBalancer;
import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ServiceDiscovery} over one {@link ServiceWatch} per service asked about. */
final class ConsulDiscovery implements ServiceDiscovery {

  private final ConsulAgent agent;
  private final ConsulSettings settings;
  private final RegistryMetrics metrics;
  private final ConcurrentHashMap<String, ServiceWatch> watches = new ConcurrentHashMap<>();
  private volatile boolean closed;

  ConsulDiscovery(ConsulAgent agent, ConsulSettings settings, RegistryMetrics metrics) {
    this.agent = agent;
    this.settings = settings;
    this.metrics = metrics;
  }

  private ServiceWatch watch(String serviceName) {
    ServiceWatch existing = watches.get(serviceName);
    if (existing != null) {
      return existing;
    }
    Objects.requireNonNull(serviceName, "serviceName");
    boolean[] created = {false};
    ServiceWatch watch =
        watches.computeIfAbsent(
            serviceName,
            name -> {
              created[0] = true;
              return new ServiceWatch(name, agent, settings, balancer(), metrics);
            });
    if (created[0]) {
      if (closed) {
        watch.close();
      } else {
        watch.start();
      }
    }
    watch.awaitFirstAttempt(settings.watch.firstAnswerTimeout());
    return watch;
  }

  private LoadBalancer balancer() {
    return settings.balancer == ConsulSettings.Balancer.RANDOM
        ? LoadBalancer.random()
        : LoadBalancer.roundRobin();
  }

  @Override
  public List<ServiceInstance> instances(String serviceName) {
    return watch(serviceName).snapshot().instances;
  }

  @Override
  public List<ServiceInstance> instances(String serviceName, Collection<String> tags) {
    List<ServiceInstance> all = instances(serviceName);
    if (tags.isEmpty()) {
      return all;
    }
    List<ServiceInstance> out = new ArrayList<>(all.size());
    for (ServiceInstance i : all) {
      if (i.tags().containsAll(tags)) {
        out.add(i);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public Optional<ServiceInstance> choose(String serviceName) {
    ServiceWatch watch = watch(serviceName);
    return choose(watch.snapshot(), watch.balancer);
  }

  @Override
  public Optional<ServiceInstance> choose(String serviceName, LoadBalancer balancer) {
    return choose(watch(serviceName).snapshot(), balancer);
  }

  private static Optional<ServiceInstance> choose(ServiceWatch.Snapshot s, LoadBalancer balancer) {
    int n = s.choices.length;
    if (n == 0) {
      return Optional.empty();
    }
    try {
      return s.choices[Math.floorMod(balancer.select(s.instances), n)];
    } catch (RuntimeException e) {
      // A faulty custom balancer must not break the caller's request path.
      return s.choices[0];
    }
  }

  @Override
  public Subscription subscribe(String serviceName, InstanceListener listener) {
    Objects.requireNonNull(listener, "listener");
    ServiceWatch watch = watch(serviceName);
    watch.addListener(listener);
    return () -> watch.removeListener(listener);
  }

  @Override
  public CacheStatus status(String serviceName) {
    ServiceWatch watch = watches.get(serviceName);
    return watch == null ? ServiceDiscovery.none().status(serviceName) : watch.status();
  }

  void close() {
    closed = true;
    watches.values().forEach(ServiceWatch::close);
  }
}
