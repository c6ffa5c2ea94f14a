package dev.servicekit.core;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management endpoint on the JDK's HTTP server: {@code /health/live}, {@code /health/ready},
 * {@code /info} and, when {@link MetricsEndpoint#serves()}, {@code /metrics}. GET and HEAD only;
 * other methods get 405, other paths 404.
 */
final class ManagementServer {

  /** What the endpoint serves. */
  interface Source {
    HealthChecks.Report liveness();

    HealthChecks.Report readiness();

    String state();

    ServiceInfo info();

    MetricsEndpoint metrics();
  }

  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
  private static final String JSON = "application/json; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI uri;

  private ManagementServer(HttpServer server, ExecutorService executor, URI uri) {
    this.server = server;
    this.executor = executor;
    this.uri = uri;
  }

  /**
   * Binds and starts the endpoint.
   *
   * @param advertisedHost host used in the URI when bound to the wildcard address
   * @throws UncheckedIOException when the address cannot be bound
   */
  static ManagementServer start(
      InetAddress bindAddress, int port, String advertisedHost, Source source) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot bind the management endpoint to "
              + AdvertisedAddress.format(bindAddress)
              + ":"
              + port
              + " ("
              + RuntimeSettings.MANAGEMENT_ADDRESS
              + ", "
              + RuntimeSettings.MANAGEMENT_PORT
              + "): "
              + e.getMessage(),
          e);
    }
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            4,
            4,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "servicekit-management-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, source));
    server.start();
    String host =
        bindAddress.isAnyLocalAddress() ? advertisedHost : AdvertisedAddress.format(bindAddress);
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    URI uri = URI.create("http://" + host + ":" + server.getAddress().getPort());
    return new ManagementServer(server, executor, uri);
  }

  URI uri() {
    return uri;
  }

  /** Stops accepting connections and ends the handler threads. */
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void handle(HttpExchange exchange, Source source) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Supplier<Response> route =
          switch (path) {
            case "/health/live" -> () -> health(source.liveness(), null);
            case "/health/ready" -> () -> health(source.readiness(), source.state());
            case "/info" -> () -> new Response(200, Json.write(info(source.info())));
            case "/metrics" ->
                source.metrics().serves()
                    ? () -> metrics(source.metrics(), exchange.getRequestHeaders())
                    : null;
            default -> null;
          };
      if (route == null) {
        send(exchange, new Response(404, "{\"error\":\"not found\"}"));
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, new Response(405, "{\"error\":\"method not allowed\"}"));
        return;
      }
      send(exchange, route.get());
    } catch (IOException | RuntimeException e) {
      log.debug("Management request failed", e);
      throw e;
    }
  }

  private record Response(int status, String contentType, byte[] body) {
    Response(int status, String json) {
      this(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Response metrics(MetricsEndpoint metrics, Headers headers) {
    ScrapeFormat format =
        ScrapeFormat.negotiate(String.join(",", headers.getOrDefault("Accept", List.of())));
    MetricsScrape scrape;
    try {
      scrape = metrics.scrape(format);
    } catch (RuntimeException e) {
      log.warn("Scraping the meter registry failed", e);
      return new Response(500, "{\"error\":\"scrape failed\"}");
    }
    return new Response(200, scrape.contentType(), scrape.body());
  }

  private static Response health(HealthChecks.Report report, String state) {
    boolean up = report.up() && (state == null || state.equals("RUNNING"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    if (state != null) {
      body.put("state", state);
    }
    Map<String, Object> checks = new LinkedHashMap<>();
    report
        .checks()
        .forEach(
            (name, status) -> {
              Map<String, Object> check = new LinkedHashMap<>();
              check.put("status", status.isUp() ? "UP" : "DOWN");
              if (!status.details().isEmpty()) {
                check.put("details", status.details());
              }
              checks.put(name, check);
            });
    body.put("checks", checks);
    return new Response(up ? 200 : 503, Json.write(body));
  }

  static Map<String, Object> info(ServiceInfo info) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", info.name());
    body.put("version", info.version());
    body.put("instanceId", info.instanceId());
    body.put("environment", info.environment());
    body.put("address", info.address());
    body.put("port", info.port());
    body.put("tags", info.tags());
    body.put("meta", info.meta());
    return body;
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    byte[] bytes = response.body();
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
