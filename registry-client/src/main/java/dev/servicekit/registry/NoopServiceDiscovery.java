package dev.servicekit.registry;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class NoopServiceDiscovery implements ServiceDiscovery {

  static final NoopServiceDiscovery INSTANCE = new NoopServiceDiscovery();

  private static final CacheStatus STATUS =
      new CacheStatus(Optional.empty(), Duration.ZERO, false, Optional.empty());

  private NoopServiceDiscovery() {}

  @Override
  public List<ServiceInstance> instances(String serviceName) {
    return List.of();
  }

  @Override
  public List<ServiceInstance> instances(String serviceName, Collection<String> tags) {
    return List.of();
  }

  @Override
  public Optional<ServiceInstance> choose(String serviceName) {
    return Optional.empty();
  }

  @Override
  public Optional<ServiceInstance> choose(String serviceName, LoadBalancer balancer) {
    return Optional.empty();
  }

  @Override
  public Subscription subscribe(String serviceName, InstanceListener listener) {
    return () -> {};
  }

  @Override
  public CacheStatus status(String serviceName) {
    return STATUS;
  }
}
