package dev.servicekit.registry;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

final class RandomBalancer implements LoadBalancer {

  @Override
  public int select(List<ServiceInstance> instances) {
    return ThreadLocalRandom.current().nextInt(instances.size());
  }
}
