package dev.servicekit.vthreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.correlation.Correlation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Correlation scopes, the executor wrappers, MDC restore, JSON logging and CorrelationFilter on
 * virtual threads. The build targets Java 17, so the scenarios ({@link VirtualThreadScenarios}) run
 * in one child JVM on a JDK 21+ ({@link VirtualThreadJdk}) with two carrier threads, so carriers
 * are shared and tasks migrate between them, and JFR records every {@code jdk.VirtualThreadPinned}
 * event (threshold 0). Without such a JDK the tests skip, unless {@code
 * SERVICEKIT_REQUIRE_VIRTUAL_THREAD_JDK=true} (CI), where they fail.
 */
class VirtualThreadsTest {

  @TempDir static Path dir;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> facts = new HashMap<>();
  private static final Map<String, String> results = new HashMap<>();
  private static final Map<String, String> pinned = new HashMap<>();
  private static final List<JsonNode> logLines = new ArrayList<>();
  private static String skipped;

  @BeforeAll
  static void runScenariosOnAJdkWithVirtualThreads() throws Exception {
    List<String> why = new ArrayList<>();
    Optional<Path> java = VirtualThreadJdk.find(why);
    if (java.isEmpty()) {
      String message = "virtual-thread tests need a JDK 21+: " + String.join("; ", why);
      if ("true".equalsIgnoreCase(System.getenv(VirtualThreadJdk.REQUIRE_VARIABLE))) {
        fail(message + " (" + VirtualThreadJdk.REQUIRE_VARIABLE + "=true)");
      }
      skipped = message;
      return;
    }
    Path logs = dir.resolve("logs.jsonl");
    Path stderr = dir.resolve("stderr.txt");
    List<String> cmd =
        List.of(
            java.get().toString(),
            "-Djdk.virtualThreadScheduler.parallelism=2",
            "-Dservicekit.log.output=file",
            "-Dservicekit.log.file=" + logs,
            "-Dservicekit.service.name=vthreads",
            "-cp",
            System.getProperty("java.class.path"),
            VirtualThreadScenarios.class.getName(),
            dir.toString());
    Process child = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
    String stdout;
    try {
      stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!child.waitFor(180, TimeUnit.SECONDS)) {
        fail("the scenario JVM did not finish in 180 s");
      }
    } finally {
      child.destroyForcibly();
    }
    String errors = Files.readString(stderr);
    assertThat(child.exitValue())
        .as("child exit; stderr:%n%s%nstdout:%n%s", errors, stdout)
        .isZero();
    assertThat(stdout).as("stderr:%n%s", errors).contains("\nDONE");
    for (String line : stdout.split("\n")) {
      String[] f = line.split(" ", 3);
      switch (f[0]) {
        case "FACT" -> facts.put(f[1], f[2]);
        case "RESULT" -> results.put(f[1], f[2]);
        case "PINNED" -> pinned.put(f[1], f[2]);
        default -> {}
      }
    }
    for (String line : Files.readAllLines(logs, StandardCharsets.UTF_8)) {
      try {
        logLines.add(MAPPER.readTree(line));
      } catch (IOException e) {
        fail("not a JSON line: " + line, e);
      }
    }
  }

  /** Skips (each test, so the reason shows in the report) when no JDK 21+ was found. */
  private static void assumeTheScenariosRan() {
    Assumptions.assumeTrue(skipped == null, skipped);
  }

  private static void held(String scenario) {
    assertThat(results).containsKey(scenario);
    assertThat(results.get(scenario)).as(scenario).startsWith("0 none");
  }

  @Test
  void theScenariosRanOnAJdkWithVirtualThreads() {
    assumeTheScenariosRan();
    assertThat(Runtime.Version.parse(facts.get("java.version")).feature())
        .isGreaterThanOrEqualTo(21);
  }

  @Test
  void thousandsOfConcurrentVirtualThreadsEachKeepTheirOwnIdAcrossCarrierMigrations() {
    assumeTheScenariosRan();
    held("concurrent-ids");
    assertThat(Integer.parseInt(facts.get("carrier-migrations"))).isPositive();
  }

  @Test
  void theMdcIsRestoredExactlyWhenScopesCloseOnAVirtualThread() {
    assumeTheScenariosRan();
    held("mdc-restore");
  }

  @Test
  void aWrappedVirtualThreadPerTaskExecutorRunsEveryTaskWithItsSubmittersId() {
    assumeTheScenariosRan();
    held("wrapped-executor");
  }

  @Test
  void noMdcOrIdLeaksToTheNextTaskOnAReusedCarrier() {
    assumeTheScenariosRan();
    held("no-leak-reused-carrier");
    assertThat(Integer.parseInt(facts.get("carriers"))).isEqualTo(2);
    assertThat(Integer.parseInt(facts.get("max-tasks-per-carrier"))).isGreaterThan(100);
  }

  @Test
  void noCarrierIsPinnedWhileTheScenariosRun() {
    assumeTheScenariosRan();
    assertThat(pinned).containsKey("scenarios");
    assertThat(pinned.get("scenarios")).as("JFR jdk.VirtualThreadPinned events").startsWith("0 ");
  }

  @Test
  void theChecksCatchAPinnedCarrierABrokenScopeAndAPooledThreadLeak() {
    assumeTheScenariosRan();
    assertThat(pinned.get("selfcheck")).doesNotStartWith("0 ").contains("SlowInit.<clinit>");
    held("selfcheck-broken-scope-detected");
    held("selfcheck-pooled-leak-detected");
  }

  @Test
  void logsFromThousandsOfVirtualThreadsAreJsonLinesEachWithItsOwnId() {
    assumeTheScenariosRan();
    held("logging");
    assertThat(facts.get("logs-flushed")).isEqualTo("true");
    Map<Integer, Integer> perThread = new HashMap<>();
    for (JsonNode line : logLines) {
      if (!line.path("correlation_id").asText().startsWith("log-")) {
        continue;
      }
      int vt = line.get("vt").asInt();
      assertThat(line.get("correlation_id").asText()).isEqualTo("log-" + vt);
      assertThat(line.get("message").asText()).startsWith("virtual thread " + vt + " ");
      assertThat(line.get("service.name").asText()).isEqualTo("vthreads");
      perThread.merge(vt, 1, Integer::sum);
    }
    assertThat(perThread).hasSize(VirtualThreadScenarios.LOGGING);
    assertThat(new HashSet<>(perThread.values())).containsExactly(2);
    assertThat(
            logLines.stream()
                .filter(l -> l.path("correlation_id").asText().startsWith("log-"))
                .filter(l -> l.path("message").asText().endsWith("\"quotes\"\n\u2028")))
        .hasSize(VirtualThreadScenarios.LOGGING);
  }

  @Test
  void anHttpServerHandlingEachRequestOnAVirtualThreadEchoesAndLogsEachRequestsId() {
    assumeTheScenariosRan();
    held("http-server");
    Set<String> freshIds = new HashSet<>();
    int handled = 0;
    for (JsonNode line : logLines) {
      if (!line.path("message").asText().equals("handled request")
          || line.get("request").asInt() >= VirtualThreadScenarios.WARM_UP_REQUESTS) {
        continue;
      }
      handled++;
      int request = line.get("request").asInt();
      String id = line.get("correlation_id").asText();
      String inbound = VirtualThreadScenarios.inboundId(request);
      if (request % 3 == 0) {
        assertThat(id).isEqualTo(inbound);
      } else {
        assertThat(Correlation.isValidId(id)).as(id).isTrue();
        assertThat(id).isNotEqualTo(inbound);
        assertThat(freshIds.add(id)).as("fresh id %s is unique", id).isTrue();
      }
    }
    assertThat(handled).isEqualTo(VirtualThreadScenarios.REQUESTS);
  }
}
