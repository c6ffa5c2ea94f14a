package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code examples/container-demo.sh}, run once: LocalConsul, the broker, orders, two inventory
 * instances and shipping, each in its own container. The tests read what it left behind: its
 * output, each container's log, the stop times and the agent's services after the stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerDemoTest {

  private static final List<String> SERVICE_CONTAINERS =
      List.of("inventory-1", "inventory-2", "orders", "shipping");

  /** The drain the demo configures, and what a stop may take beyond it (JVM exit, podman). */
  private static final long DRAIN_MS = 500;

  private static final long MARGIN_MS = 10_000;

  private Path dir;
  private Podman.Result demo;

  @BeforeAll
  void runTheDemo() throws IOException {
    Images.ensureBuilt();
    dir = Podman.outDir("container-demo");
    demo =
        Podman.script(
            "container-demo.sh",
            List.of(),
            Map.of("SERVICEKIT_DEMO_DIR", dir.toString(), "SERVICEKIT_DEMO_SKIP_BUILD", "1"),
            Duration.ofMinutes(10),
            dir.resolveSibling("container-demo.out"));
  }

  @Test
  void theDemoRunsToTheEndAndExitsZero() {
    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("== Done in");
  }

  @Test
  void everyServiceContainerStopsOnSigtermWithinItsDrainPlusAMargin() throws IOException {
    List<String> rows = Files.readAllLines(dir.resolve("stops.tsv"), StandardCharsets.UTF_8);
    assertThat(rows).as(demo.output()).hasSize(SERVICE_CONTAINERS.size());
    List<String> stopped = new ArrayList<>();
    for (String row : rows) {
      String[] f = row.split("\t");
      stopped.add(f[0]);
      // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (the graceful stop) and exited.
      assertThat(f[1]).as("%s exit status", f[0]).isIn("143", "0");
      assertThat(Long.parseLong(f[2])).as("%s ms to stop", f[0]).isLessThan(DRAIN_MS + MARGIN_MS);
    }
    assertThat(stopped).containsExactlyInAnyOrderElementsOf(SERVICE_CONTAINERS);
  }

  @Test
  void theAgentIsEmptyOnceTheServicesStopped() throws IOException {
    JsonNode services = JsonLines.JSON.readTree(dir.resolve("agent-after-stop.json").toFile());
    assertThat(services.isObject() && services.isEmpty()).as(services.toString()).isTrue();
    for (String name : SERVICE_CONTAINERS) {
      assertThat(JsonLines.read(log(name)))
          .as("%s logged its deregistration", name)
          .anyMatch(n -> n.path("message").asText().startsWith("deregistered"));
    }
  }

  @Test
  void everyLineTheServiceContainersWroteIsOneJsonObjectNamingItsService() throws IOException {
    for (String name : SERVICE_CONTAINERS) {
      List<JsonNode> lines = JsonLines.read(log(name));
      assertThat(lines).as(name).isNotEmpty();
      assertThat(lines).allMatch(n -> !n.path("service.name").asText().isEmpty());
      JsonLines.read(dir.resolve("logs").resolve(name + ".stderr"));
    }
  }

  @Test
  void aPlacedOrdersCorrelationIdAppearsInAllThreeServicesLogs() throws IOException {
    String id = firstPlacedCorrelationId();
    Map<String, Set<String>> servicesById = new HashMap<>();
    for (String name : SERVICE_CONTAINERS) {
      for (JsonNode n : JsonLines.read(log(name))) {
        if (n.hasNonNull("correlation_id")) {
          servicesById
              .computeIfAbsent(n.get("correlation_id").asText(), k -> new TreeSet<>())
              .add(n.path("service.name").asText());
        }
      }
    }
    assertThat(servicesById.get(id)).containsExactlyInAnyOrder("orders", "inventory", "shipping");
  }

  @Test
  void theTimelineOfThatOrderCrossesAllThreeServices() throws IOException {
    String id = firstPlacedCorrelationId();
    assertThat(demo.output())
        .contains("Timeline of " + id)
        .contains("3 services (orders, inventory, shipping)");
  }

  @Test
  void noContainerOfTheDemoIsLeftBehind() throws IOException {
    Podman.Result ps =
        Podman.run(
            Duration.ofSeconds(60),
            List.of("ps", "-a", "--filter", "label=dev.servicekit.run", "--format", "{{.Names}}"));
    assertThat(ps.exitCode()).isZero();
    assertThat(ps.output().lines()).noneMatch(n -> n.startsWith("sk-demo-"));
  }

  private Path log(String name) {
    return dir.resolve("logs").resolve(name + ".log");
  }

  private String firstPlacedCorrelationId() throws IOException {
    return Files.readAllLines(dir.resolve("orders.txt"), StandardCharsets.UTF_8).stream()
        .map(l -> l.split(" "))
        .filter(f -> f.length > 1 && f[1].equals("PLACED"))
        .map(f -> f[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no order was placed: " + demo.output()));
  }
}
