package dev.servicekit.core;

import dev.servicekit.config.spi.MeterSink;
import dev.servicekit.config.spi.MeterSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's meters: {@code servicekit.core.health} per check, {@code servicekit.core.ready},
 * {@code servicekit.core.uptime}, {@code servicekit.core.components} and {@code
 * servicekit.core.info}, and those modules describe through {@link MeterSource}. Removed from the
 * registry on {@link #close()}.
 */
final class CoreMeters implements AutoCloseable {

  private final MeterRegistry registry;
  private static final Logger log = LoggerFactory.getLogger(CoreMeters.class);

  private final List<Meter> meters = new ArrayList<>();
  // FunctionCounter holds its state object weakly: keep the suppliers alive with the runtime
  private final List<Object> suppliers = new ArrayList<>();
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

  /**
   * Binds the meters that modules without Micrometer describe through servicekit-config's {@link
   * MeterSource} (logging's {@code servicekit.logging.*}, correlation's {@code
   * servicekit.correlation.*}): counters as {@link FunctionCounter}s, gauges as {@link Gauge}s. A
   * source that fails is skipped; the runtime starts anyway.
   */
  void bind(List<MeterSource> sources) {
    MeterSink sink =
        new MeterSink() {
          @Override
          public void counter(
              String name, String description, Map<String, String> tags, LongSupplier count) {
            add(
                FunctionCounter.builder(name, count, c -> c.getAsLong())
                    .description(description)
                    .tags(tags(tags))
                    .register(registry));
            suppliers.add(count);
          }

          @Override
          public void gauge(
              String name, String description, Map<String, String> tags, DoubleSupplier value) {
            add(
                Gauge.builder(name, value, DoubleSupplier::getAsDouble)
                    .description(description)
                    .tags(tags(tags))
                    .strongReference(true)
                    .register(registry));
          }
        };
    for (MeterSource source : sources) {
      try {
        source.describe(sink);
      } catch (RuntimeException | LinkageError e) {
        log.warn("Meters of {} not bound: {}", source.getClass().getName(), e.toString());
      }
    }
  }

  private static Tags tags(Map<String, String> tags) {
    Tags result = Tags.empty();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      result = result.and(e.getKey(), e.getValue());
    }
    return result;
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
    suppliers.clear();
  }
}
