package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

  private static String text(MetricsEndpoint metrics) {
    return new String(metrics.scrape(ScrapeFormat.TEXT).body(), StandardCharsets.UTF_8);
  }

  @Test
  void aGivenPrometheusRegistryIsScrapedAsItIsWithoutBindersAdded() {
    PrometheusMeterRegistry given = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MetricsEndpoint metrics = PrometheusMetrics.create(given)) {
      assertThat(metrics.registry()).isSameAs(given);
      given.counter("servicekit.test.given").increment();

      assertThat(Exposition.text(text(metrics)).types)
          .containsKey("servicekit_test_given_total")
          .doesNotContainKey("jvm_memory_used_bytes");
    }
    assertThat(given.isClosed()).isFalse();
  }

  @Test
  void aCompositeHoldingAPrometheusRegistryIsScrapedThroughIt() {
    PrometheusMeterRegistry inner = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CompositeMeterRegistry given =
        new CompositeMeterRegistry().add(new SimpleMeterRegistry()).add(inner);
    try (MetricsEndpoint metrics = PrometheusMetrics.create(given)) {
      assertThat(metrics.registry()).isSameAs(given);
      given.counter("servicekit.test.composite").increment(3);

      assertThat(Exposition.text(text(metrics)).named("servicekit_test_composite_total"))
          .singleElement()
          .extracting(Exposition.Sample::value)
          .isEqualTo("3.0");
      assertThat(given.getRegistries()).hasSize(2);
    }
  }

  @Test
  void anotherCompositeGetsAnOwnPrometheusRegistryForTheRuntimesLifetime() {
    CompositeMeterRegistry given = new CompositeMeterRegistry();
    given.counter("servicekit.test.before").increment();
    MetricsEndpoint metrics = PrometheusMetrics.create(given);
    assertThat(metrics.registry()).isSameAs(given);
    assertThat(given.getRegistries()).singleElement().isInstanceOf(PrometheusMeterRegistry.class);
    PrometheusMeterRegistry own = (PrometheusMeterRegistry) given.getRegistries().iterator().next();
    given.counter("servicekit.test.after").increment();

    assertThat(Exposition.text(text(metrics)).types)
        .containsKeys(
            "servicekit_test_before_total", "servicekit_test_after_total", "jvm_memory_used_bytes");

    metrics.close();
    metrics.close();
    assertThat(given.getRegistries()).isEmpty();
    assertThat(own.isClosed()).isTrue();
  }

  @Test
  void anyOtherRegistryStandsBesideAnOwnPrometheusRegistryInANewComposite() {
    SimpleMeterRegistry given = new SimpleMeterRegistry();
    try (MetricsEndpoint metrics = PrometheusMetrics.create(given)) {
      MeterRegistry registry = metrics.registry();
      assertThat(registry).isInstanceOf(CompositeMeterRegistry.class);
      registry.counter("servicekit.test.both").increment();

      assertThat(given.find("servicekit.test.both").counter()).isNotNull();
      assertThat(Exposition.text(text(metrics)).types)
          .containsKeys("servicekit_test_both_total", "jvm_threads_live_threads");
      assertThat(given.find("jvm.threads.live").meter()).isNull();
    }
    assertThat(given.isClosed()).isFalse();
  }

  @Test
  void openMetricsEndsWithEof() {
    try (MetricsEndpoint metrics = PrometheusMetrics.create(new SimpleMeterRegistry())) {
      MetricsScrape scrape = metrics.scrape(ScrapeFormat.OPENMETRICS);

      assertThat(scrape.contentType()).startsWith("application/openmetrics-text");
      assertThat(Exposition.openMetrics(new String(scrape.body(), StandardCharsets.UTF_8)).types)
          .containsKey("jvm_memory_used_bytes");
    }
  }
}
