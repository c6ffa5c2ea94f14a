package dev.servicekit.core;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The runtime's meters: {@code servicekit.core.health} per check, {@code servicekit.core.ready},
 * {@code servicekit.core.uptime}, {@code servicekit.core.components} and {@code
 * servicekit.core.info}. Removed from the registry on {@link #close()}.
 */
final class CoreMeters implements AutoCloseable {

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private boolean closed;

  CoreMeters(
      MeterRegistry registry,
      ServiceInfo info,
      long startNanos,
      BooleanSupplier ready,
      IntSupplier components) {
    this.registry = registry;
    add(
        TimeGauge.builder(
                "servicekit.core.uptime",
                this,
                TimeUnit.NANOSECONDS,
                m -> System.nanoTime() - startNanos)
            .description("Time since the runtime started")
            .strongReference(true)
            .register(registry));
    add(
        Gauge.builder("servicekit.core.ready", ready, r -> r.getAsBoolean() ? 1 : 0)
            .description("1 when the runtime is running and no readiness check last reported down")
            .strongReference(true)
            .register(registry));
    add(
        Gauge.builder("servicekit.core.components", components, IntSupplier::getAsInt)
            .description("Started components")
            .strongReference(true)
            .register(registry));
    add(
        Gauge.builder("servicekit.core.info", () -> 1)
            .description("Service identity as tags; always 1")
            .tags(
                Tags.of(
                    "service", info.name(),
                    "version", info.version(),
                    "environment", info.environment()))
            .register(registry));
  }

  /** Registers the gauge of one health check: 1 up, 0 down, NaN before its first run. */
  void healthCheck(HealthChecks.Entry entry) {
    add(
        Gauge.builder("servicekit.core.health", entry, e -> e.lastValue)
            .description("Last result of a health check: 1 up, 0 down")
            .strongReference(true)
            .tags("check", entry.name, "kind", entry.kind.name().toLowerCase(Locale.ROOT))
            .register(registry));
  }

  private synchronized void add(Meter meter) {
    if (closed) {
      registry.remove(meter);
    } else {
      meters.add(meter);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Meter meter : meters) {
      registry.remove(meter);
    }
    meters.clear();
  }
}
