package dev.servicekit.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.servicekit.examples.infra.DemoBroker;
import dev.servicekit.examples.logquery.LogQuery;
import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.RegisteredService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three example services as separate processes against LocalConsul and an embedded Artemis
 * broker: an order goes in over HTTP, inventory is found through the registry, OrderPlaced crosses
 * the broker, and the logs of all three tell one story under one correlation ID. The tests run in
 * order, as the chapters of that story.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleServicesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
  private LocalConsul consul;
  private DemoBroker broker;
  private Path logDir;
  private String correlationId;
  private String orderId;
  private Thread killOnExit;

  @BeforeAll
  void startEverything() throws Exception {
    consul = LocalConsul.start();
    broker = DemoBroker.start(0);
    Path examples = Path.of(System.getProperty("examples.dir", "..")).toAbsolutePath().normalize();
    logDir =
        Path.of(System.getProperty("e2e.logs", "target/e2e-logs"))
            .resolve(Long.toString(System.currentTimeMillis()));
    killOnExit = new Thread(() -> processes.values().forEach(ServiceProcess::close));
    Runtime.getRuntime().addShutdownHook(killOnExit);
    start("inventory", "inventory", examples);
    start("orders", "orders", examples);
    start("shipping", "shipping", examples);
  }

  private void start(String name, String service, Path examples) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("CONSUL_HTTP_ADDR", consul.httpAddress());
    env.put("SERVICEKIT_EXAMPLES_BROKER_URL", broker.url());
    env.put("SERVICEKIT_SERVICE_NAME", service);
    env.put("SERVICEKIT_SERVICE_INSTANCE_ID", name + "-e2e");
    env.put("SERVICEKIT_SERVICE_PORT", "0");
    env.put("SERVICEKIT_SERVICE_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_EXAMPLES_HTTP_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_MANAGEMENT_PORT", "0");
    env.put("SERVICEKIT_MANAGEMENT_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_SHUTDOWN_DRAIN", "200ms");
    env.put("SERVICEKIT_REGISTRY_CHECK_INTERVAL", "1s");
    env.put("SERVICEKIT_LOG_LEVELS", "org.apache.activemq=warn");
    processes.put(name, ServiceProcess.start(name, service, examples, logDir, env));
  }

  @AfterAll
  void stopEverything() {
    processes.values().forEach(ServiceProcess::close);
    if (broker != null) {
      broker.close();
    }
    if (consul != null) {
      consul.close();
    }
    if (killOnExit != null) {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    }
  }

  @Test
  @Order(1)
  void everyServiceRegistersAndTurnsHealthy() {
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              processes.values().forEach(p -> assertThat(p.isAlive()).as(p.name()).isTrue());
              assertThat(passing("inventory")).hasSize(1);
              assertThat(passing("orders")).hasSize(1);
              assertThat(passing("shipping")).hasSize(1);
            });
    assertThat(consul.services().values())
        .extracting(RegisteredService::name)
        .containsExactlyInAnyOrder("inventory", "orders", "shipping");
  }

  @Test
  @Order(2)
  void anOrderIsPlacedWithInventoryFoundThroughTheRegistry() throws Exception {
    URI orders = passing("orders").get(0);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(orders.resolve("/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("sku=widget&quantity=2"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("PLACED");
    assertThat(body.path("inventoryInstance").asText()).isEqualTo("inventory-e2e");
    correlationId = response.headers().firstValue("X-Correlation-ID").orElseThrow();
    assertThat(body.path("correlationId").asText()).isEqualTo(correlationId);
    orderId = body.path("orderId").asText();
  }

  @Test
  @Order(3)
  void shippingReceivesOrderPlacedWithTheSameCorrelationId() throws Exception {
    URI shipping = passing("shipping").get(0);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode shipments = JSON.readTree(get(shipping.resolve("/shipments")));
              assertThat(shipments).hasSize(1);
              assertThat(shipments.get(0).path("orderId").asText()).isEqualTo(orderId);
              assertThat(shipments.get(0).path("correlationId").asText()).isEqualTo(correlationId);
            });
  }

  @Test
  @Order(4)
  void aGracefulStopDeregistersEveryService() throws Exception {
    for (ServiceProcess p : List.copyOf(processes.values())) {
      assertThat(p.stopGracefully(60)).as(p.name() + " stopped within 60 s").isTrue();
    }

    assertThat(consul.services()).isEmpty();
    for (ServiceProcess p : processes.values()) {
      assertThat(lines(p.log()))
          .as(p.name() + " logged its deregistration")
          .anyMatch(l -> l.contains("deregistered"));
    }
  }

  @Test
  @Order(5)
  void everyLogLineIsOneJsonObjectNamingItsService() throws IOException {
    for (ServiceProcess p : processes.values()) {
      List<String> lines = lines(p.log());
      assertThat(lines).as(p.name() + " wrote log lines").isNotEmpty();
      for (String line : lines) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as(line).isTrue();
        assertThat(node.path("service.name").asText()).as(line).isNotEmpty();
      }
    }
  }

  @Test
  @Order(5)
  void everyLineOnStdoutAndStderrOfEveryServiceIsJson() throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(logDir)) {
      files = listed.sorted().collect(Collectors.toList());
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("orders.stderr");
    ObjectMapper strict =
        JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        assertThat(strict.readTree(line).isObject()).as(file + ": " + line).isTrue();
      }
    }
  }

  @Test
  @Order(6)
  void theOrdersCorrelationIdAppearsInAllThreeServicesLogs() throws IOException {
    Map<String, Set<String>> servicesById = new HashMap<>();
    for (ServiceProcess p : processes.values()) {
      for (String line : lines(p.log())) {
        JsonNode node = JSON.readTree(line);
        if (node.hasNonNull("correlation_id")) {
          servicesById
              .computeIfAbsent(node.get("correlation_id").asText(), k -> new java.util.TreeSet<>())
              .add(node.path("service.name").asText());
        }
      }
    }

    assertThat(servicesById.get(correlationId))
        .containsExactlyInAnyOrder("orders", "inventory", "shipping");
  }

  @Test
  @Order(7)
  void theLogQueryToolShowsTheOrdersTimelineAcrossServices() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        LogQuery.run(
            List.of("--id", correlationId, logDir.toString()),
            InputStream.nullInputStream(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    String timeline = out.toString(StandardCharsets.UTF_8);
    assertThat(timeline.lines().findFirst().orElseThrow())
        .startsWith("Timeline of " + correlationId)
        .contains("3 services (orders, inventory, shipping)")
        .endsWith("0 errors");
    assertThat(timeline).contains(orderId);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("0 not JSON, 0 malformed");
  }

  private List<URI> passing(String service) throws IOException, InterruptedException {
    JsonNode entries =
        JSON.readTree(
            get(URI.create(consul.uri() + "/v1/health/service/" + service + "?passing=true")));
    List<URI> uris = new ArrayList<>();
    for (JsonNode entry : entries) {
      JsonNode s = entry.path("Service");
      uris.add(URI.create("http://" + s.path("Address").asText() + ":" + s.path("Port").asInt()));
    }
    return uris;
  }

  private String get(URI uri) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static List<String> lines(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .collect(Collectors.toList());
  }
}
