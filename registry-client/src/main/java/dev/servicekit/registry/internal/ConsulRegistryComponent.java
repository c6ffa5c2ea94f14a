package dev.servicekit.registry.internal;

import dev.servicekit.core.HealthStatus;
import dev.servicekit.core.spi.ServiceComponent;
import dev.servicekit.registry.CacheStatus;
import dev.servicekit.registry.InstanceListener;
import dev.servicekit.registry.LoadBalancer;
import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.Subscription;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The registry client as a runtime component: registration ({@link Registrar}) plus discovery
 * ({@link ConsulDiscovery}). The application reaches it as {@code
 * runtime.component(ServiceDiscovery.class)}.
 */
final class ConsulRegistryComponent implements ServiceComponent, ServiceDiscovery {

  private final ConsulAgent agent;
  private final Registrar registrar;
  private final ConsulDiscovery discovery;

  ConsulRegistryComponent(
      ConsulAgent agent,
      Registration registration,
      ConsulSettings settings,
      RegistryMetrics metrics) {
    this.agent = agent;
    this.registrar = new Registrar(agent, registration, settings, metrics);
    this.discovery = new ConsulDiscovery(agent, settings, metrics);
  }

  @Override
  public String name() {
    return "consul";
  }

  @Override
  public void start() throws InterruptedException {
    registrar.start();
  }

  @Override
  public void withdraw() throws InterruptedException {
    registrar.withdraw();
  }

  @Override
  public void stop() {
    registrar.stop();
    discovery.close();
    agent.close();
  }

  HealthStatus health() {
    return registrar.health();
  }

  Registrar.State registrationState() {
    return registrar.state();
  }

  @Override
  public List<ServiceInstance> instances(String serviceName) {
    return discovery.instances(serviceName);
  }

  @Override
  public List<ServiceInstance> instances(String serviceName, Collection<String> tags) {
    return discovery.instances(serviceName, tags);
  }

  @Override
  public Optional<ServiceInstance> choose(String serviceName) {
    return discovery.choose(serviceName);
  }

  @Override
  public Optional<ServiceInstance> choose(String serviceName, LoadBalancer balancer) {
    return discovery.choose(serviceName, balancer);
  }

  @Override
  public Subscription subscribe(String serviceName, InstanceListener listener) {
    return discovery.subscribe(serviceName, listener);
  }

  @Override
  public CacheStatus status(String serviceName) {
    return discovery.status(serviceName);
  }
}
