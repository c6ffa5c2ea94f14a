package dev.servicekit.registry;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;

final class PowerOfTwoChoicesBalancer implements LoadBalancer {

  private final ToLongFunction<ServiceInstance> load;

  PowerOfTwoChoicesBalancer(ToLongFunction<ServiceInstance> load) {
    this.load = load;
  }

  @Override
  public int select(List<ServiceInstance> instances) {
    int n = instances.size();
    if (n == 1) {
      return 0;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int a = random.nextInt(n);
    int b = random.nextInt(n - 1);
    if (b >= a) {
      b++;
    }
    return load.applyAsLong(instances.get(b)) < load.applyAsLong(instances.get(a)) ? b : a;
  }
}
