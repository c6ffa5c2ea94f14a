package dev.servicekit.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.servicekit.testing.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's HTTP front door: records the request, applies injected latency and errors, routes it,
 * and writes the answer (JSON, or Consul's plain-text error).
 */
public final class ConsulHttpHandler implements HttpHandler {
  private final Router router = new Router();
  private final Supplier<Agent> agent;
  private final Faults faults;
  private final Consumer<RecordedRequest> log;

  /**
   * Creates the handler.
   *
   * @param agent the currently running agent
   * @param faults the injected faults
   * @param log where each request is recorded
   */
  public ConsulHttpHandler(Supplier<Agent> agent, Faults faults, Consumer<RecordedRequest> log) {
    this.agent = agent;
    this.faults = faults;
    this.log = log;
    AgentEndpoints.register(router);
    HealthEndpoints.register(router);
    CatalogEndpoints.register(router);
    StatusEndpoints.register(router);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ApiRequest request =
          ApiRequest.of(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              name -> exchange.getRequestHeaders().getFirst(name),
              body);
      log.accept(
          new RecordedRequest(request.method(), request.redactedUri(), request.tokenSource()));
      Duration delay = faults.latency();
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Faults.ApiResponseTemplate injected = faults.injected(request.path());
      if (injected != null) {
        write(exchange, ApiResponse.text(injected.status(), injected.body()), false);
        return;
      }
      Agent current = agent.get();
      if (current == null) {
        return;
      }
      if (faults.leaderless()) {
        ApiResponse noLeader = withoutLeader(request);
        if (noLeader != null) {
          write(exchange, noLeader, false);
          return;
        }
      }
      ApiResponse response;
      try {
        rejectEnterpriseParameters(request, name -> exchange.getRequestHeaders().getFirst(name));
        response = router.dispatch(current, request);
      } catch (ApiException e) {
        response = ApiResponse.text(e.status(), e.getMessage());
      } catch (RuntimeException e) {
        response = ApiResponse.text(500, String.valueOf(e.getMessage()));
      }
      if (response != null) {
        write(exchange, response, request.has("pretty"));
      }
    } catch (IOException e) {
      // the client went away, or the listener was closed under us: nothing to answer
    }
  }

  /**
   * Without a leader a Consul agent still answers its local endpoints ({@code /v1/agent/...}), the
   * servers' reads fail with {@code No cluster leader}, and {@code /v1/status/leader} is empty.
   */
  private static ApiResponse withoutLeader(ApiRequest request) {
    String path = request.path();
    if (path.startsWith("/v1/catalog/") || path.startsWith("/v1/health/")) {
      return ApiResponse.text(500, "No cluster leader");
    }
    if (path.equals("/v1/status/leader") && request.method().equals("GET")) {
      return ApiResponse.json("");
    }
    if (path.equals("/v1/status/peers") && request.method().equals("GET")) {
      return ApiResponse.json(java.util.List.of());
    }
    return null;
  }

  /**
   * Consul's open-source edition answers 400 to namespace and partition selectors; so does this
   * agent, rather than silently ignore them.
   */
  private static void rejectEnterpriseParameters(
      ApiRequest request, java.util.function.Function<String, String> header) {
    if (!request.path().startsWith("/v1/agent/")
        && !request.path().startsWith("/v1/health/")
        && !request.path().startsWith("/v1/catalog/")) {
      return;
    }
    String ns = header.apply("X-Consul-Namespace");
    if (ns != null && !ns.isEmpty()) {
      throw ApiException.badRequest(
          "Invalid header: \"X-Consul-Namespace\" - Namespaces are a Consul Enterprise feature");
    }
    String queryNs = request.param("ns");
    if (queryNs != null && !queryNs.isEmpty()) {
      throw ApiException.badRequest(
          "Invalid query parameter: \"ns\" - Namespaces are a Consul Enterprise feature");
    }
    String partition = request.param("partition");
    if (partition != null && !partition.isEmpty()) {
      throw ApiException.badRequest(
          "Invalid query parameter: \"partition\" - Partitions are a Consul Enterprise feature");
    }
  }

  private static void write(HttpExchange exchange, ApiResponse response, boolean pretty)
      throws IOException {
    byte[] bytes = response.body();
    if (bytes == null) {
      String json =
          pretty ? JsonWriter.writePretty(response.value()) : JsonWriter.write(response.value());
      bytes = json.getBytes(StandardCharsets.UTF_8);
    }
    if (!response.contentType().isEmpty()) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
    }
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      exchange.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
