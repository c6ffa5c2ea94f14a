package dev.servicekit.registry;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

final class RoundRobinBalancer implements LoadBalancer {

  private final AtomicInteger next = new AtomicInteger();

  @Override
  public int select(List<ServiceInstance> instances) {
    return Math.floorMod(next.getAndIncrement(), instances.size());
  }
}
