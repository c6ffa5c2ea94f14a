package dev.servicekit.registry.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The meters of the registry client, all named {@code servicekit.registry.*}. */
final class RegistryMetrics {

  private final MeterRegistry registry;
  final Counter attempts;
  final Counter failures;
  final Counter heartbeats;
  final Counter heartbeatFailures;
  final Counter lost;

  RegistryMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.attempts =
        Counter.builder("servicekit.registry.registration.attempts")
            .description("Registration attempts against the agent")
            .register(registry);
    this.failures =
        Counter.builder("servicekit.registry.registration.failures")
            .description("Registration attempts that failed")
            .register(registry);
    this.heartbeats =
        Counter.builder("servicekit.registry.heartbeats")
            .description("TTL passes or registration look-ups the agent confirmed")
            .register(registry);
    this.heartbeatFailures =
        Counter.builder("servicekit.registry.heartbeat.failures")
            .description("TTL passes or registration look-ups that failed")
            .register(registry);
    this.lost =
        Counter.builder("servicekit.registry.registration.lost")
            .description("Times the agent had forgotten this registration")
            .register(registry);
  }

  void state(Supplier<Number> registered) {
    Gauge.builder("servicekit.registry.state", registered)
        .description("1 while registered with the agent, 0 otherwise")
        .register(registry);
  }

  Counter watchRefreshes(String service) {
    return Counter.builder("servicekit.registry.watch.refreshes")
        .description("Answers of the agent to the watch of a service")
        .tag("service", service)
        .register(registry);
  }

  Counter watchErrors(String service) {
    return Counter.builder("servicekit.registry.watch.errors")
        .description("Failed watch queries of a service")
        .tag("service", service)
        .register(registry);
  }

  void instances(String service, Supplier<Number> count) {
    Gauge.builder("servicekit.registry.instances", count)
        .description("Healthy instances known for a watched service")
        .tag("service", service)
        .register(registry);
  }
}
