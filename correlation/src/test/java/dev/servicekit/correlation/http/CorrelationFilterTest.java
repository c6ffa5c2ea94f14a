package dev.servicekit.correlation.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class CorrelationFilterTest {

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final HttpClient plain =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private LoopbackServer downstream;
  private LoopbackServer edge;

  @BeforeEach
  void startServers() throws Exception {
    downstream = LoopbackServer.reporting();
    HttpClient correlating = CorrelatingHttpClient.wrap(HttpClient.newHttpClient());
    ExecutorService wrappedWorkers = Correlation.wrap(workers);
    edge =
        LoopbackServer.with(
            exchange -> {
              // hop 1 -> 2 from a worker thread, through a CompletableFuture chain
              Supplier<String> call =
                  () -> {
                    try {
                      return correlating
                          .send(
                              HttpRequest.newBuilder(downstream.uri("/report")).build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  };
              String body =
                  CompletableFuture.supplyAsync(call, wrappedWorkers)
                      .thenApplyAsync(
                          report -> report + "edge_worker_id=" + Correlation.currentId() + "\n",
                          wrappedWorkers)
                      .join();
              LoopbackServer.respond(
                  exchange,
                  body
                      + "edge_id="
                      + Correlation.currentId()
                      + "\nedge_mdc="
                      + MDC.get("correlation_id")
                      + "\n");
            });
  }

  @AfterEach
  void stopServers() throws Exception {
    edge.close();
    downstream.close();
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(HttpRequest.Builder request) throws Exception {
    return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void idCrossesTwoHopsThroughAnExecutorAndAFutureChainAndIsEchoed() throws Exception {
    HttpResponse<String> response =
        get(
            HttpRequest.newBuilder(edge.uri("/"))
                .header("X-Correlation-ID", "checkout-7f3a")
                .header("traceparent", TRACEPARENT));

    Map<String, String> seen = LoopbackServer.parse(response.body());
    assertThat(response.headers().firstValue("X-Correlation-ID")).contains("checkout-7f3a");
    assertThat(seen)
        .containsEntry("edge_id", "checkout-7f3a")
        .containsEntry("edge_mdc", "checkout-7f3a")
        .containsEntry("edge_worker_id", "checkout-7f3a")
        .containsEntry("header", "checkout-7f3a")
        .containsEntry("id", "checkout-7f3a")
        .containsEntry("mdc", "checkout-7f3a")
        .containsEntry("traceparent", TRACEPARENT)
        .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void mdcAndContextAreCleanOnPooledThreadsAfterwards() throws Exception {
    get(HttpRequest.newBuilder(edge.uri("/")).header("X-Correlation-ID", "leak-check"));

    assertThat(edge.mdcOnServerThread()).isEmpty();
    assertThat(edge.idOnServerThread()).isNull();
    assertThat(downstream.mdcOnServerThread()).isEmpty();
    for (int i = 0; i < 4; i++) {
      assertThat(workers.submit(() -> MDC.get("correlation_id")).get(10, TimeUnit.SECONDS))
          .isNull();
      assertThat(workers.submit(Correlation::currentId).get(10, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void startsAFreshIdWhenNoneArrivesAndCarriesItDownstream() throws Exception {
    HttpResponse<String> response = get(HttpRequest.newBuilder(edge.uri("/")));

    String echoed = response.headers().firstValue("X-Correlation-ID").orElseThrow();
    assertThat(Correlation.isValidId(echoed)).isTrue();
    assertThat(LoopbackServer.parse(response.body())).containsEntry("id", echoed);
  }

  @Test
  void readsXRequestIdAsAFallback() throws Exception {
    HttpResponse<String> response =
        get(HttpRequest.newBuilder(downstream.uri("/")).header("X-Request-ID", "req-1"));
    assertThat(response.headers().firstValue("X-Correlation-ID")).contains("req-1");
  }

  @Test
  void repeatedIdHeadersAreRejectedAsAmbiguous() throws Exception {
    long before = Correlation.rejectedCount();
    HttpResponse<String> response =
        get(
            HttpRequest.newBuilder(downstream.uri("/"))
                .header("X-Correlation-ID", "one")
                .header("X-Correlation-ID", "two"));
    assertThat(response.headers().firstValue("X-Correlation-ID").orElseThrow())
        .isNotIn("one", "two", "one,two");
    assertThat(Correlation.rejectedCount()).isGreaterThan(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc\u0085def", "abc\u0000def", "abc\u00e9def", "10KB"})
  void hostileRawHeaderBytesNeverComeBackOrReachTheHandler(String hostile) throws Exception {
    String value = "10KB".equals(hostile) ? "x".repeat(10 * 1024) : hostile;
    long before = Correlation.rejectedCount();
    String raw = rawRequest(downstream.port(), value);

    String responseHeaders = raw.substring(0, raw.indexOf("\r\n\r\n"));
    assertThat(responseHeaders).doesNotContain(value);
    if (raw.startsWith("HTTP/1.1 200")) {
      String echoed = raw.replaceAll("(?s).*\r\nX-correlation-id: ([^\r\n]*)\r\n.*", "$1");
      assertThat(echoed).matches("[A-Za-z0-9.-]{21}");
      assertThat(Correlation.rejectedCount()).isGreaterThan(before);
      // the handler's own view: the fresh id in Context and MDC (the report also shows the raw
      // request header, which is the handler's business)
      assertThat(raw).contains("\nid=" + echoed + "\n").contains("\nmdc=" + echoed + "\n");
    } else {
      // the server refused the request outright; nothing of it came back either
      assertThat(raw).startsWith("HTTP/1.1 4");
    }
  }

  private static String rawRequest(int port, String headerValue) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET /report HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Correlation-ID: "
              + headerValue
              + "\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aHeaderNameSetOnTheRuntimeBuilderReachesFiltersCreatedAfterStart() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(downstream.uri("/report")).header("X-Flow-ID", "flow-42").build();
    try (ServiceRuntime runtime =
        ServiceRuntime.builder()
            .serviceName("flow")
            .config("servicekit.correlation.header", "X-Flow-ID")
            .managementBindAddress("127.0.0.1")
            .managementPort(0)
            .drainPeriod(Duration.ZERO)
            .shutdownHook(false)
            .start()) {
      assertThat(runtime.info().name()).isEqualTo("flow");
      try (LoopbackServer configured = LoopbackServer.reporting()) {
        HttpResponse<String> response =
            plain.send(
                HttpRequest.newBuilder(configured.uri("/report"))
                    .header("X-Flow-ID", "flow-42")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(LoopbackServer.parse(response.body())).containsEntry("id", "flow-42");
        assertThat(response.headers().firstValue("X-Flow-ID")).contains("flow-42");
      }
    }
    // the runtime closed: its settings are withdrawn and new filters use the default header
    HttpResponse<String> after = plain.send(request, HttpResponse.BodyHandlers.ofString());
    try (LoopbackServer fresh = LoopbackServer.reporting()) {
      HttpResponse<String> response =
          plain.send(
              HttpRequest.newBuilder(fresh.uri("/report")).header("X-Flow-ID", "flow-43").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(LoopbackServer.parse(response.body()).get("id")).isNotEqualTo("flow-43");
      assertThat(response.headers().firstValue("X-Correlation-ID")).isPresent();
    }
    assertThat(LoopbackServer.parse(after.body()).get("id")).isNotEqualTo("flow-42");
  }
}
