package dev.servicekit.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /metrics} backed by a {@link PrometheusMeterRegistry}; the only class of core that touches
 * {@code micrometer-registry-prometheus}, loaded only when that jar is present.
 *
 * <p>Which registry is scraped, by what the builder was given:
 *
 * <ul>
 *   <li>a {@code PrometheusMeterRegistry}, or a composite holding one: that one, as it is;
 *   <li>any other composite (the default, Micrometer's global registry): a new Prometheus registry
 *       with the JVM binders, added to the composite for the runtime's lifetime, so meters
 *       registered there by anyone appear;
 *   <li>any other registry: a new Prometheus registry with the JVM binders, and the runtime
 *       registers its meters in a composite of both.
 * </ul>
 */
final class PrometheusMetrics implements MetricsEndpoint {

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PrometheusMetrics(
      MeterRegistry registry, PrometheusMeterRegistry prometheus, Runnable onClose) {
    this.registry = registry;
    this.prometheus = prometheus;
    this.onClose = onClose;
  }

  static PrometheusMetrics create(MeterRegistry given) {
    PrometheusMeterRegistry existing = find(given);
    if (existing != null) {
      return new PrometheusMetrics(given, existing, () -> {});
    }
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gc = new JvmGcMetrics();
    for (var binder :
        List.of(
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new JvmInfoMetrics(),
            new ClassLoaderMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            new FileDescriptorMetrics())) {
      binder.bindTo(own);
    }
    if (given instanceof CompositeMeterRegistry composite) {
      composite.add(own);
      return new PrometheusMetrics(
          given,
          own,
          () -> {
            composite.remove(own);
            gc.close();
            own.close();
          });
    }
    CompositeMeterRegistry both =
        new CompositeMeterRegistry(given.config().clock(), List.of(given, own));
    return new PrometheusMetrics(
        both,
        own,
        () -> {
          both.remove(own);
          gc.close();
          own.close();
        });
  }

  private static PrometheusMeterRegistry find(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry p) {
      return p;
    }
    if (registry instanceof CompositeMeterRegistry c) {
      for (MeterRegistry child : c.getRegistries()) {
        if (child instanceof PrometheusMeterRegistry p) {
          return p;
        }
      }
    }
    return null;
  }

  @Override
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public boolean serves() {
    return true;
  }

  @Override
  public MetricsScrape scrape(ScrapeFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      prometheus.scrape(out, format.contentType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MetricsScrape(format.contentType(), out.toByteArray());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }
}
