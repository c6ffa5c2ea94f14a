package dev.servicekit.correlation.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.LoopbackServer;
import dev.servicekit.correlation.http.CorrelatingHttpClient;
import dev.servicekit.correlation.http.CorrelationFilter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/**
 * servicekit next to an OpenTelemetry SDK set up by autoconfigure, in-process: two real JDK
 * HttpServers ("orders" calls "inventory" through a real JDK HttpClient) with spans started as an
 * instrumentation starts them — a SERVER span before {@code CorrelationFilter}, a CLIENT span
 * inside {@code CorrelatingHttpClient} — exported to memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenTelemetrySdkTest {

  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";
  private static final String TRACESTATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
  private static final String BAGGAGE = "tenant=acme,user=u-17";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final Map<String, Map<String, Object>> seen = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<String>>> received = new ConcurrentHashMap<>();
  private final HttpClient plain =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private OpenTelemetrySdk sdk;
  private HttpServer orders;
  private HttpServer inventory;

  @BeforeAll
  void start() throws IOException {
    sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(
                () ->
                    Map.of(
                        "otel.service.name", "orders",
                        "otel.traces.exporter", "none",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
            .addTracerProviderCustomizer(
                (tracing, config) -> tracing.addSpanProcessor(SimpleSpanProcessor.create(exported)))
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    HttpClient client =
        CorrelatingHttpClient.wrap(
            new TracingHttpClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), sdk));
    inventory = server(exchange -> record("inventory", exchange));
    URI reserve = uri(inventory);
    orders =
        server(
            exchange -> {
              record("orders", exchange);
              try {
                client.send(
                    HttpRequest.newBuilder(reserve).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
              }
              LoopbackServer.respond(exchange, "ok");
            });
  }

  @AfterAll
  void stop() {
    orders.stop(0);
    inventory.stop(0);
    sdk.close();
  }

  @BeforeEach
  void clear() {
    exported.reset();
    seen.clear();
    received.clear();
  }

  private HttpServer server(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    var context = server.createContext("/", handler);
    context.getFilters().add(new ServerSpanFilter(sdk));
    context.getFilters().add(CorrelationFilter.create());
    server.start();
    return server;
  }

  private static URI uri(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void record(String service, HttpExchange exchange) throws IOException {
    SpanContext active = Span.current().getSpanContext();
    Map<String, Object> what = new ConcurrentHashMap<>();
    what.put("trace_id", String.valueOf(MDC.get("trace_id")));
    what.put("span_id", String.valueOf(MDC.get("span_id")));
    what.put("active", active);
    what.put("id", String.valueOf(Correlation.currentId()));
    Map<String, List<String>> headers = new ConcurrentHashMap<>();
    for (String name : List.of("traceparent", "tracestate", "baggage")) {
      List<String> values = exchange.getRequestHeaders().get(name);
      headers.put(name, values == null ? List.of() : List.copyOf(values));
    }
    received.put(service, headers);
    seen.put(service, what);
    if (service.equals("inventory")) {
      LoopbackServer.respond(exchange, "reserved");
    }
  }

  private void call(String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(orders)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    // the SERVER spans end after their responses went out: wait for orders', the CLIENT span and
    // inventory's
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(exported.getFinishedSpanItems()).hasSize(3));
  }

  private SpanData only(SpanKind kind, String traceId) {
    List<SpanData> spans =
        exported.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == kind && s.getTraceId().equals(traceId))
            .collect(Collectors.toList());
    assertThat(spans).as(kind + " spans of " + traceId).hasSize(1);
    return spans.get(0);
  }

  @Test
  void theServerSpanContinuesTheCallersTraceAndIsWhatTheMdcShows() throws Exception {
    call("traceparent", TRACEPARENT, "X-Correlation-ID", "sdk-1");

    SpanData server =
        exported.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.SERVER && s.getParentSpanId().equals(CALLER_SPAN))
            .findFirst()
            .orElseThrow();
    assertThat(server.getTraceId()).isEqualTo(CALLER_TRACE);
    Map<String, Object> atOrders = seen.get("orders");
    assertThat(atOrders.get("active")).isEqualTo(server.getSpanContext());
    assertThat(atOrders)
        .containsEntry("trace_id", CALLER_TRACE)
        .containsEntry("span_id", server.getSpanId())
        .containsEntry("id", "sdk-1");
  }

  @Test
  void theClientSpanIsAChildOfTheServerSpanAndTheOnlyParentDownstream() throws Exception {
    call("traceparent", TRACEPARENT, "X-Correlation-ID", "sdk-2");

    List<SpanData> servers =
        exported.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.SERVER)
            .collect(Collectors.toList());
    assertThat(servers).extracting(SpanData::getTraceId).containsOnly(CALLER_TRACE);
    SpanData client = only(SpanKind.CLIENT, CALLER_TRACE);
    SpanData ordersServer =
        servers.stream().filter(s -> s.getParentSpanId().equals(CALLER_SPAN)).findFirst().get();
    SpanData inventoryServer = servers.stream().filter(s -> s != ordersServer).findFirst().get();
    assertThat(client.getParentSpanId()).isEqualTo(ordersServer.getSpanId());
    assertThat(inventoryServer.getParentSpanId()).isEqualTo(client.getSpanId());
    Map<String, Object> atInventory = seen.get("inventory");
    assertThat(received.get("inventory").get("traceparent"))
        .containsExactly(
            "00-"
                + CALLER_TRACE
                + "-"
                + client.getSpanId()
                + "-"
                + client.getSpanContext().getTraceFlags().asHex());
    assertThat(atInventory)
        .containsEntry("span_id", inventoryServer.getSpanId())
        .containsEntry("id", "sdk-2");
  }

  @Test
  void tracestateAndBaggageReachTheNextServiceUnchanged() throws Exception {
    call("traceparent", TRACEPARENT, "tracestate", TRACESTATE, "baggage", BAGGAGE);

    Map<String, Object> atInventory = seen.get("inventory");
    assertThat(received.get("inventory").get("tracestate")).containsExactly(TRACESTATE);
    assertThat(received.get("inventory").get("baggage")).containsExactly(BAGGAGE);
  }

  @Test
  void malformedTraceHeadersAreDroppedAsTheSdkDropsThemAndANewTraceStarts() throws Exception {
    call(
        "traceparent", "00-MALFORMEDtraceparent0000-zz-01",
        "tracestate", "MALFORMED STATE=,,=x=y",
        "baggage", "MALFORMEDbaggage;;;%%");

    SpanData server =
        exported.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.SERVER && !s.getParentSpanContext().isValid())
            .findFirst()
            .orElseThrow();
    Map<String, Object> atOrders = seen.get("orders");
    assertThat(atOrders)
        .containsEntry("trace_id", server.getTraceId())
        .containsEntry("span_id", server.getSpanId());
    Map<String, Object> atInventory = seen.get("inventory");
    assertThat(received.get("inventory").get("tracestate")).isEmpty();
    assertThat(received.get("inventory").get("baggage")).noneMatch(v -> v.contains("MALFORMED"));
    assertThat(received.get("inventory").get("traceparent")).hasSize(1);
  }
}
