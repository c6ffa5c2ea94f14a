package dev.servicekit.core;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * No Prometheus registry on the class path: hands out the given registry; {@code /metrics} is 404.
 */
final class NoopMetricsEndpoint implements MetricsEndpoint {
  private final MeterRegistry registry;

  NoopMetricsEndpoint(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public boolean serves() {
    return false;
  }

  @Override
  public MetricsScrape scrape(ScrapeFormat format) {
    throw new IllegalStateException(
        "micrometer-registry-prometheus is not on the class path; /metrics is off");
  }

  @Override
  public void close() {}
}
