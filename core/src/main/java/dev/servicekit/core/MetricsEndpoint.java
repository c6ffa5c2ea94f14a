package dev.servicekit.core;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The runtime's meter registry and, when {@code micrometer-registry-prometheus} is on the class
 * path, the scrape behind {@code GET /metrics}. Without that dependency {@link #create} returns an
 * endpoint that serves nothing and loads no Prometheus class.
 */
interface MetricsEndpoint extends AutoCloseable {

  /** The registry the runtime and its components register meters in. */
  MeterRegistry registry();

  /** Whether {@code /metrics} is served; false answers 404. */
  boolean serves();

  /**
   * Every meter of the registry in {@code format}.
   *
   * @throws IllegalStateException when {@link #serves()} is false
   */
  MetricsScrape scrape(ScrapeFormat format);

  /** Detaches and closes what this endpoint created; the caller's registry stays open. */
  @Override
  void close();

  /** The class whose presence turns {@code /metrics} on. */
  String PROMETHEUS_REGISTRY = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

  /**
   * The endpoint for a runtime whose builder was given {@code registry}: Prometheus-backed when
   * {@code micrometer-registry-prometheus} is visible to core's class loader, else one that only
   * hands out {@code registry}.
   */
  static MetricsEndpoint create(MeterRegistry registry) {
    try {
      Class.forName(PROMETHEUS_REGISTRY, false, MetricsEndpoint.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return new NoopMetricsEndpoint(registry);
    }
    return PrometheusMetrics.create(registry);
  }
}
