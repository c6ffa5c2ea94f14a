package dev.servicekit.examples.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.examples.infra.DemoBroker;
import dev.servicekit.examples.otel.OtlpReceiver.ReceivedSpan;
import dev.servicekit.testing.LocalConsul;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * orders, inventory and shipping as separate JVMs under the real OpenTelemetry Java agent (each
 * version the build fetched), exporting spans over OTLP/HTTP to a receiver in this JVM. One order
 * comes in with a caller's {@code traceparent}, {@code tracestate} and {@code baggage}, one with
 * malformed ones; the spans and the JSON logs must tell one consistent story.
 */
class OpenTelemetryAgentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(180);

  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";
  private static final String TRACESTATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
  private static final String BAGGAGE = "tenant=acme,user=u-17";
  private static final String BAD_TRACEPARENT = "00-MALFORMEDtraceparent0000-zz-01";
  private static final String BAD_TRACESTATE = "MALFORMED STATE=,,=x=y";
  private static final String BAD_BAGGAGE = "MALFORMEDbaggage;;;%%";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static Stream<String> agentVersions() {
    String versions = System.getProperty("otel.agent.versions");
    if (versions == null) {
      Assumptions.abort(
          "not run by Maven: otel.agent.versions and otel.agents.dir name the agent jars"
              + " (mvn -pl examples/otel-e2e -am verify fetches them)");
    }
    return Stream.of(versions.split(","));
  }

  @ParameterizedTest(name = "agent {0}")
  @MethodSource("agentVersions")
  void oneTraceCrossesTheServicesAndTheLogsCarryTheActiveSpans(String version) throws Exception {
    Path agent =
        Path.of(System.getProperty("otel.agents.dir"))
            .resolve("opentelemetry-javaagent-" + version + ".jar");
    assertThat(agent)
        .as("the agent jar the build fetches (maven-dependency-plugin, generate-test-resources)")
        .isRegularFile();
    Path examples = Path.of(System.getProperty("examples.dir", "..")).toAbsolutePath().normalize();
    Path logs =
        Path.of(System.getProperty("otel-e2e.logs", "target/otel-e2e-logs"))
            .resolve(version + "-" + System.currentTimeMillis());
    Map<String, AgentProcess> services = new LinkedHashMap<>();
    try (LocalConsul consul = LocalConsul.start();
        DemoBroker broker = DemoBroker.start(0);
        OtlpReceiver receiver = OtlpReceiver.start()) {
      try {
        for (String service : List.of("inventory", "orders", "shipping")) {
          Map<String, String> env = env(service, consul, broker, receiver);
          services.put(service, AgentProcess.start(service, agent, examples, logs, env));
        }
        awaitPassing(consul, services, "inventory", "orders", "shipping");

        URI orders = passing(consul, "orders").get(0);
        HttpResponse<String> good =
            placeOrder(
                orders,
                "otel-good",
                "traceparent",
                TRACEPARENT,
                "tracestate",
                TRACESTATE,
                "baggage",
                BAGGAGE);
        HttpResponse<String> bad =
            placeOrder(
                orders,
                "otel-bad",
                "traceparent",
                BAD_TRACEPARENT,
                "tracestate",
                BAD_TRACESTATE,
                "baggage",
                BAD_BAGGAGE);
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(201);
        URI shipping = passing(consul, "shipping").get(0);
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(JSON.readTree(get(shipping, "/shipments"))).hasSize(2));
      } finally {
        for (AgentProcess p : services.values()) {
          p.stopGracefully(60);
        }
        services.values().forEach(AgentProcess::close);
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(receiver.spans())
                      .extracting(ReceivedSpan::service)
                      .contains("orders", "inventory", "shipping"));
      check(receiver.spans(), services);
    }
  }

  private static void check(List<ReceivedSpan> spans, Map<String, AgentProcess> services)
      throws IOException {
    Map<String, List<JsonNode>> lines = new HashMap<>();
    for (AgentProcess p : services.values()) {
      lines.put(p.name(), jsonLines(p.log()));
    }
    SoftAssertions soft = new SoftAssertions();

    // the caller's trace continues through orders' SERVER span, once
    List<ReceivedSpan> ordersServer =
        spans.stream()
            .filter(s -> s.service().equals("orders") && s.kind() == SpanKind.SPAN_KIND_SERVER)
            .filter(s -> s.attributes().containsKey("http.request.method"))
            .filter(s -> s.name().contains("POST"))
            .collect(Collectors.toList());
    soft.assertThat(ordersServer).as("orders' SERVER spans for POST /orders").hasSize(2);
    ReceivedSpan server = only(ordersServer, s -> s.traceId().equals(CALLER_TRACE));
    soft.assertThat(server.parentSpanId()).isEqualTo(CALLER_SPAN);

    // spans orders starts while handling the request are children of its SERVER span
    List<ReceivedSpan> ordersChildren =
        spans.stream()
            .filter(s -> s.service().equals("orders") && s.traceId().equals(CALLER_TRACE))
            .filter(
                s ->
                    s.kind() == SpanKind.SPAN_KIND_CLIENT
                        || s.kind() == SpanKind.SPAN_KIND_PRODUCER)
            .collect(Collectors.toList());
    soft.assertThat(ordersChildren)
        .extracting(ReceivedSpan::kind)
        .contains(SpanKind.SPAN_KIND_CLIENT, SpanKind.SPAN_KIND_PRODUCER);
    soft.assertThat(ordersChildren)
        .allSatisfy(s -> assertThat(s.parentSpanId()).as(s.name()).isEqualTo(server.spanId()));
    ReceivedSpan client = only(ordersChildren, s -> s.kind() == SpanKind.SPAN_KIND_CLIENT);

    // inventory: child of orders' CLIENT span; traceparent once, tracestate and baggage unchanged
    ReceivedSpan inventory =
        only(
            spans,
            s ->
                s.service().equals("inventory")
                    && s.kind() == SpanKind.SPAN_KIND_SERVER
                    && s.traceId().equals(CALLER_TRACE));
    soft.assertThat(inventory.parentSpanId()).isEqualTo(client.spanId());
    soft.assertThat(inventory.attributes().get("http.request.header.traceparent"))
        .as("traceparent headers inventory received")
        .containsExactly("00-" + CALLER_TRACE + "-" + client.spanId() + "-01");
    soft.assertThat(inventory.attributes().get("http.request.header.tracestate"))
        .containsExactly(TRACESTATE);
    soft.assertThat(inventory.attributes().get("http.request.header.baggage"))
        .containsExactly(BAGGAGE);

    // shipping consumes OrderPlaced in the same trace, under orders' PRODUCER span
    ReceivedSpan producer = only(ordersChildren, s -> s.kind() == SpanKind.SPAN_KIND_PRODUCER);
    ReceivedSpan consumer =
        only(
            spans,
            s ->
                s.service().equals("shipping")
                    && s.kind() == SpanKind.SPAN_KIND_CONSUMER
                    && s.traceId().equals(CALLER_TRACE));
    soft.assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());

    // each service's log lines of the order carry its active SERVER/CONSUMER span
    checkLogIds(soft, lines.get("orders"), "otel-good", server);
    checkLogIds(soft, lines.get("inventory"), "otel-good", inventory);
    checkLogIds(soft, lines.get("shipping"), "otel-good", consumer);

    // malformed trace headers: dropped as the agent's propagators drop them; a new trace starts
    ReceivedSpan fresh = only(ordersServer, s -> !s.traceId().equals(CALLER_TRACE));
    soft.assertThat(fresh.parentSpanId()).as("parent of the malformed request").isEmpty();
    ReceivedSpan freshInventory =
        only(
            spans,
            s ->
                s.service().equals("inventory")
                    && s.kind() == SpanKind.SPAN_KIND_SERVER
                    && s.traceId().equals(fresh.traceId()));
    soft.assertThat(freshInventory.attributes().get("http.request.header.traceparent")).hasSize(1);
    soft.assertThat(freshInventory.attributes())
        .doesNotContainKey("http.request.header.tracestate");
    soft.assertThat(
            freshInventory.attributes().getOrDefault("http.request.header.baggage", List.of()))
        .noneMatch(v -> v.contains("MALFORMED"));
    checkLogIds(soft, lines.get("orders"), "otel-bad", fresh);
    for (AgentProcess p : services.values()) {
      soft.assertThat(Files.readString(p.log(), StandardCharsets.UTF_8))
          .as(p.name() + "'s log")
          .doesNotContain("MALFORMED");
    }

    // registry calls are not traced with OTEL_INSTRUMENTATION_APACHE_HTTPCLIENT_4_0_ENABLED=false
    soft.assertThat(spans)
        .filteredOn(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT)
        .flatExtracting(s -> s.attributes().getOrDefault("url.full", List.of()))
        .as("CLIENT spans of Consul API calls")
        .noneMatch(url -> url.contains("/v1/agent/") || url.contains("/v1/health/"));

    // one identity: orders names itself to the agent as in its logs; inventory is told how to
    ReceivedSpan anyOrders = server;
    soft.assertThat(anyOrders.resource())
        .containsEntry("service.name", "orders")
        .containsEntry("service.instance.id", "orders-otel");
    soft.assertThat(lines.get("orders"))
        .allSatisfy(l -> assertThat(l.path("service.name").asText()).isEqualTo("orders"))
        .noneMatch(l -> l.path("message").asText().contains("OTEL_SERVICE_NAME"));
    soft.assertThat(lines.get("inventory"))
        .filteredOn(l -> l.path("log.level").asText().equalsIgnoreCase("warn"))
        .extracting(l -> l.path("message").asText())
        .anyMatch(
            m ->
                m.contains("OTEL_SERVICE_NAME=inventory")
                    && m.contains("service.instance.id=inventory-otel"));
    soft.assertAll();
  }

  private static void checkLogIds(
      SoftAssertions soft, List<JsonNode> lines, String correlationId, ReceivedSpan active) {
    List<JsonNode> ofRequest =
        lines.stream()
            .filter(l -> correlationId.equals(l.path("correlation_id").asText()))
            .collect(Collectors.toList());
    soft.assertThat(ofRequest)
        .as(active.service() + " lines of " + correlationId)
        .isNotEmpty()
        .allSatisfy(
            l -> {
              assertThat(l.path("trace.id").asText()).as(l.toString()).isEqualTo(active.traceId());
              assertThat(l.path("span.id").asText()).as(l.toString()).isEqualTo(active.spanId());
            });
  }

  private static ReceivedSpan only(
      List<ReceivedSpan> spans, java.util.function.Predicate<ReceivedSpan> which) {
    List<ReceivedSpan> found = spans.stream().filter(which).collect(Collectors.toList());
    assertThat(found).as("matching spans among " + spans).hasSize(1);
    return found.get(0);
  }

  private static Map<String, String> env(
      String service, LocalConsul consul, DemoBroker broker, OtlpReceiver receiver) {
    Map<String, String> env = new HashMap<>();
    env.put("CONSUL_HTTP_ADDR", consul.httpAddress());
    env.put("SERVICEKIT_EXAMPLES_BROKER_URL", broker.url());
    env.put("SERVICEKIT_SERVICE_NAME", service);
    env.put("SERVICEKIT_SERVICE_INSTANCE_ID", service + "-otel");
    env.put("SERVICEKIT_SERVICE_PORT", "0");
    env.put("SERVICEKIT_SERVICE_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_EXAMPLES_HTTP_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_MANAGEMENT_PORT", "0");
    env.put("SERVICEKIT_MANAGEMENT_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_SHUTDOWN_DRAIN", "200ms");
    env.put("SERVICEKIT_REGISTRY_CHECK_INTERVAL", "1s");
    env.put("SERVICEKIT_LOG_LEVELS", "org.apache.activemq=warn");
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.tracesEndpoint());
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    // the registry calls (consul-api on Apache HttpClient 4) are not the services' own work
    env.put("OTEL_INSTRUMENTATION_APACHE_HTTPCLIENT_4_0_ENABLED", "false");
    if (service.equals("orders")) {
      // the recommended settings: the trace resource names the same service and instance
      env.put("OTEL_SERVICE_NAME", "orders");
      env.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=orders-otel");
    }
    if (service.equals("inventory")) {
      env.put(
          "OTEL_INSTRUMENTATION_HTTP_SERVER_CAPTURE_REQUEST_HEADERS",
          "traceparent,tracestate,baggage");
    }
    return env;
  }

  private HttpResponse<String> placeOrder(URI orders, String correlationId, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(orders.resolve("/orders"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Correlation-ID", correlationId)
            .POST(HttpRequest.BodyPublishers.ofString("sku=widget&quantity=1"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitPassing(
      LocalConsul consul, Map<String, AgentProcess> services, String... names) {
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              services.values().forEach(p -> assertThat(p.isAlive()).as(p.name()).isTrue());
              for (String name : names) {
                assertThat(passing(consul, name)).as(name).hasSize(1);
              }
            });
  }

  private List<URI> passing(LocalConsul consul, String service)
      throws IOException, InterruptedException {
    JsonNode entries =
        JSON.readTree(get(consul.uri(), "/v1/health/service/" + service + "?passing=true"));
    List<URI> uris = new ArrayList<>();
    for (JsonNode entry : entries) {
      JsonNode s = entry.path("Service");
      uris.add(URI.create("http://" + s.path("Address").asText() + ":" + s.path("Port").asInt()));
    }
    return uris;
  }

  private String get(URI base, String path) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Every stdout line must be one JSON object. */
  private static List<JsonNode> jsonLines(Path log) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as(log + ": " + line).isTrue();
      nodes.add(node);
    }
    return nodes;
  }
}
