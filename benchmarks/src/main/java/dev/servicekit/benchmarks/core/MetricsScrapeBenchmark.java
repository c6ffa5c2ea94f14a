package dev.servicekit.benchmarks.core;

import dev.servicekit.core.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
 * One {@code GET /metrics} over loopback HTTP (JDK client, keep-alive) against servicekit's
 * management endpoint, side by side with the Prometheus client's own {@code HTTPServer} serving the
 * very same {@code PrometheusRegistry}, and the bare {@code PrometheusMeterRegistry.scrape()}
 * without HTTP as the floor. Setup checks that both endpoints expose the same series (the
 * servicekit and JVM meters plus 20 counters and 5 timers of an application).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsScrapeBenchmark {

  private ServiceRuntime runtime;
  private HTTPServer reference;
  private PrometheusMeterRegistry prometheus;
  private HttpClient client;
  private HttpRequest servicekitRequest;
  private HttpRequest referenceRequest;

  /** Starts the runtime and the reference server and checks they serve the same series. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    CompositeMeterRegistry registry = new CompositeMeterRegistry();
    runtime =
        ServiceRuntime.builder()
            .config(ServiceConfig.of(Map.of(), new Properties(), Map.of()))
            .serviceName("bench")
            .managementBindAddress("127.0.0.1")
            .managementPort(0)
            .drainPeriod(Duration.ZERO)
            .shutdownHook(false)
            .discoverComponents(false)
            .meterRegistry(registry)
            .start();
    prometheus =
        (PrometheusMeterRegistry)
            registry.getRegistries().stream()
                .filter(PrometheusMeterRegistry.class::isInstance)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Prometheus registry was added"));
    applicationMeters(registry);
    reference =
        HTTPServer.builder()
            .inetAddress(InetAddress.getLoopbackAddress())
            .port(0)
            .registry(prometheus.getPrometheusRegistry())
            .buildAndStart();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    servicekitRequest = HttpRequest.newBuilder(runtime.managementUri().resolve("/metrics")).build();
    referenceRequest =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reference.getPort() + "/metrics"))
            .build();
    Set<String> ours = series(get(servicekitRequest));
    Set<String> theirs = series(get(referenceRequest));
    if (!ours.equals(theirs) || !ours.contains("servicekit_core_ready")) {
      throw new IllegalStateException("the two endpoints differ: " + ours + " vs " + theirs);
    }
  }

  private static void applicationMeters(MeterRegistry registry) {
    for (int i = 0; i < 20; i++) {
      registry.counter("app.requests", "route", "/r" + i, "status", "200").increment(i);
    }
    for (int i = 0; i < 5; i++) {
      registry.timer("app.latency", "route", "/r" + i).record(Duration.ofMillis(i + 1));
    }
  }

  /** The series names and labels of a text-format body, values left out. */
  private static Set<String> series(String body) {
    Set<String> series = new TreeSet<>();
    for (String line : body.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        series.add(line.substring(0, line.lastIndexOf(' ')));
      }
    }
    return series;
  }

  private String get(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops both servers. */
  @TearDown(Level.Trial)
  public void tearDown() {
    reference.close();
    runtime.close();
  }

  /** servicekit's {@code GET /metrics}. */
  @Benchmark
  public String servicekitEndpoint() {
    return get(servicekitRequest);
  }

  /** The Prometheus client's {@code HTTPServer}, same registry. */
  @Benchmark
  public String prometheusHttpServer() {
    return get(referenceRequest);
  }

  /** The scrape alone, no HTTP. */
  @Benchmark
  public String registryScrape() {
    return prometheus.scrape();
  }
}
