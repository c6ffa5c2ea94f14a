package dev.servicekit.benchmarks.registry;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.testing.LocalConsul;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time from {@code ServiceRuntime.builder()...start()} until the agent ({@link LocalConsul}) has
 * the registration, one start per measurement. {@code registry=false} is the same start without the
 * registry client, so the difference is the cost of registering.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RegistrationBenchmark {

  /** Whether the registry client is active. */
  @Param({"true", "false"})
  public boolean registry;

  private LocalConsul consul;
  private ServiceRuntime runtime;
  private int sequence;

  /** Starts the agent once. */
  @Setup(Level.Trial)
  public void startAgent() {
    consul = LocalConsul.builder().start();
  }

  /** Stops the agent. */
  @TearDown(Level.Trial)
  public void stopAgent() {
    consul.close();
  }

  /** Closes (and deregisters) the runtime of the last measurement, outside the measured time. */
  @TearDown(Level.Invocation)
  public void closeRuntime() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
  }

  /** Starts a service and returns once the agent knows it. */
  @Benchmark
  public ServiceRuntime startUntilRegistered() {
    String id = "orders-" + (++sequence);
    runtime = RegistryFixture.service(consul, "orders", id, 8080, registry).start();
    if (registry) {
      RegistryFixture.await(() -> consul.services().containsKey(id), "registration of " + id);
    }
    return runtime;
  }
}
