package dev.servicekit.benchmarks.registry;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.registry.LoadBalancer;
import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.testing.LocalConsul;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code ServiceDiscovery.choose(name)} on a warm cache: three healthy instances registered with a
 * {@link LocalConsul} by real runtimes, watched by a fourth. Run with {@code -prof gc} to see the
 * allocation per call ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChooseBenchmark {

  private LocalConsul consul;
  private final List<ServiceRuntime> runtimes = new ArrayList<>();
  private ServiceDiscovery discovery;
  private final LoadBalancer random = LoadBalancer.random();
  private final LoadBalancer p2c = LoadBalancer.powerOfTwoChoices(i -> i.port());

  /** Starts the agent, three instances of {@code inventory} and a client, and warms the cache. */
  @Setup(Level.Trial)
  public void setUp() {
    consul = LocalConsul.builder().start();
    for (int i = 1; i <= 3; i++) {
      runtimes.add(
          RegistryFixture.service(consul, "inventory", "inv-" + i, 9000 + i, true).start());
    }
    ServiceRuntime client =
        RegistryFixture.service(consul, "orders", "orders-1", 8080, true).start();
    runtimes.add(client);
    discovery = client.component(ServiceDiscovery.class);
    RegistryFixture.await(() -> discovery.instances("inventory").size() == 3, "3 instances");
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    runtimes.forEach(ServiceRuntime::close);
    consul.close();
  }

  /** The default balancer (round-robin). */
  @Benchmark
  public Optional<ServiceInstance> chooseRoundRobin() {
    return discovery.choose("inventory");
  }

  /** A caller's random balancer. */
  @Benchmark
  public Optional<ServiceInstance> chooseRandom() {
    return discovery.choose("inventory", random);
  }

  /** A caller's power-of-two-choices balancer with a trivial load function. */
  @Benchmark
  public Optional<ServiceInstance> choosePowerOfTwo() {
    return discovery.choose("inventory", p2c);
  }

  /** The whole healthy list. */
  @Benchmark
  public List<ServiceInstance> instances() {
    return discovery.instances("inventory");
  }
}
