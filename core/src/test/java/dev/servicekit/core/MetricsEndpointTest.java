package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code micrometer-registry-prometheus} is optional: on a class path without it, core starts,
 * answers {@code /metrics} with 404 and asks for no Prometheus class but the one presence probe.
 */
class MetricsEndpointTest {

  @Test
  void withoutThePrometheusRegistryMetricsAnswer404AndNoPrometheusClassLoads() throws Exception {
    try (RecordingLoader loader = new RecordingLoader(false)) {
      URI base = startAndGet(loader, "/metrics", 404);

      assertThat(base).isNotNull();
      assertThat(loader.requested)
          .filteredOn(n -> n.startsWith("io.prometheus") || n.contains("prometheusmetrics"))
          .containsOnly(MetricsEndpoint.PROMETHEUS_REGISTRY);
      assertThat(loader.requested).doesNotContain(PrometheusMetrics.class.getName());
      assertThat(loader.requested).contains(ManagementServer.class.getName());
    }
  }

  @Test
  void theSameIsolatedClassPathWithThePrometheusJarsServesMetrics() throws Exception {
    try (RecordingLoader loader = new RecordingLoader(true)) {
      startAndGet(loader, "/metrics", 200);

      assertThat(loader.requested).contains(PrometheusMetrics.class.getName());
    }
  }

  @Test
  void theNoopEndpointHandsOutTheGivenRegistryAndRefusesToScrape() {
    SimpleMeterRegistry given = new SimpleMeterRegistry();
    MetricsEndpoint without = new NoopMetricsEndpoint(given);

    assertThat(without.registry()).isSameAs(given);
    assertThat(without.serves()).isFalse();
    assertThatThrownBy(() -> without.scrape(ScrapeFormat.TEXT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("micrometer-registry-prometheus");
  }

  @Test
  void withThePrometheusRegistryOnTheClassPathCreateServes() {
    try (MetricsEndpoint metrics = MetricsEndpoint.create(new SimpleMeterRegistry())) {
      assertThat(metrics).isInstanceOf(PrometheusMetrics.class);
      assertThat(metrics.serves()).isTrue();
    }
  }

  /** Starts a runtime inside {@code loader}, GETs {@code path} and checks the status. */
  private static URI startAndGet(ClassLoader loader, String path, int status) throws Exception {
    Class<?> runtimeType = Class.forName(ServiceRuntime.class.getName(), true, loader);
    Class<?> configType = Class.forName(ServiceConfig.class.getName(), true, loader);
    Object config =
        configType
            .getMethod("of", Map.class, Properties.class, Map.class)
            .invoke(null, Map.of(), new Properties(), Map.of());
    Object builder = runtimeType.getMethod("builder").invoke(null);
    Class<?> b = builder.getClass();
    b.getMethod("config", configType).invoke(builder, config);
    b.getMethod("serviceName", String.class).invoke(builder, "isolated");
    b.getMethod("managementBindAddress", String.class).invoke(builder, "127.0.0.1");
    b.getMethod("managementPort", int.class).invoke(builder, 0);
    b.getMethod("drainPeriod", Duration.class).invoke(builder, Duration.ZERO);
    b.getMethod("shutdownHook", boolean.class).invoke(builder, false);
    b.getMethod("discoverComponents", boolean.class).invoke(builder, false);
    Object runtime = b.getMethod("start").invoke(builder);
    Method close = runtimeType.getMethod("close");
    try {
      URI base = (URI) runtimeType.getMethod("managementUri").invoke(runtime);
      assertThat(Http.get(base, "/health/live").statusCode()).isEqualTo(200);
      assertThat(Http.get(base, path).statusCode()).isEqualTo(status);
      return base;
    } finally {
      close.invoke(runtime);
    }
  }

  /** Core's classes, slf4j-api and Micrometer, optionally the Prometheus jars; records lookups. */
  private static final class RecordingLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader(boolean withPrometheus) throws Exception {
      super(urls(withPrometheus), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }

    private static URL[] urls(boolean withPrometheus) throws Exception {
      List<URL> urls = new ArrayList<>();
      urls.add(
          Path.of(ServiceRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toUri()
              .toURL());
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        String name = Path.of(entry).getFileName().toString();
        boolean prometheus =
            name.startsWith("micrometer-registry-prometheus") || name.startsWith("prometheus-");
        boolean base =
            name.startsWith("slf4j-api-")
                || name.startsWith("micrometer-core-")
                || name.startsWith("micrometer-commons-")
                || name.startsWith("micrometer-observation-")
                || name.startsWith("HdrHistogram-")
                || name.startsWith("LatencyUtils-");
        if (base || (withPrometheus && prometheus)) {
          urls.add(Path.of(entry).toUri().toURL());
        }
      }
      return urls.toArray(new URL[0]);
    }
  }
}
