package dev.servicekit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.servicekit.testing.TestHttp.Answer;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalConsulTest {
  private LocalConsul consul;
  private TestHttp http;

  @BeforeEach
  void start() {
    consul = LocalConsul.start();
    http = new TestHttp(consul.uri());
  }

  @AfterEach
  void stop() {
    consul.close();
  }

  private void registerApi() {
    assertThat(
            http.register("{\"ID\":\"api-1\",\"Name\":\"api\",\"Port\":8080,\"Tags\":[\"a\"]}")
                .status())
        .isEqualTo(200);
  }

  private static boolean refused(Runnable call) {
    try {
      call.run();
      return false;
    } catch (UncheckedIOException e) {
      return e.getCause() instanceof ConnectException;
    }
  }

  @Test
  void bindsLoopbackOnAFreePortAndGivesConsulHttpAddr() {
    assertThat(consul.port()).isPositive();
    assertThat(consul.httpAddress()).isEqualTo("127.0.0.1:" + consul.port());
    assertThat(consul.uri()).isEqualTo(URI.create("http://127.0.0.1:" + consul.port()));
    assertThat(http.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.1:8300\"");
  }

  @Test
  void inspectionShowsRegisteredServicesAndChecks() {
    http.register(
        "{\"ID\":\"api-1\",\"Name\":\"api\",\"Port\":8080,\"Meta\":{\"v\":\"1\"},"
            + "\"Check\":{\"TTL\":\"30s\",\"Status\":\"passing\"}}");
    assertThat(consul.services())
        .containsEntry(
            "api-1",
            new RegisteredService(
                "api-1", "api", java.util.List.of(), "", 8080, java.util.Map.of("v", "1")));
    assertThat(consul.checks().get("service:api-1"))
        .isEqualTo(
            new RegisteredCheck(
                "service:api-1", "Service 'api' check", "api-1", "ttl", "passing", ""));
    assertThat(consul.checkStatus("nope")).isEmpty();
  }

  @Test
  void restartLosesRegistrationsOnTheSamePortAndIndexMovesForward() {
    registerApi();
    int port = consul.port();
    long before = consul.index();
    consul.restart();
    assertThat(consul.port()).isEqualTo(port);
    assertThat(consul.services()).isEmpty();
    assertThat(http.get("/v1/agent/services").object()).isEmpty();
    Answer health = http.get("/v1/health/service/api");
    assertThat(health.list()).isEmpty();
    assertThat(health.index()).isGreaterThan(before);
  }

  @Test
  void restartWithFreshIndexMakesTheIndexGoBackwards() {
    for (int i = 0; i < 5; i++) {
      http.register("{\"ID\":\"api-" + i + "\",\"Name\":\"api\"}");
    }
    long before = http.get("/v1/health/service/api").index();
    consul.restartWithFreshIndex();
    assertThat(http.get("/v1/health/service/api").index()).isLessThan(before);
  }

  @Test
  void stoppedAgentRefusesConnectionsUntilRestarted() {
    registerApi();
    consul.stop();
    assertThat(consul.isRunning()).isFalse();
    assertThat(refused(() -> http.get("/v1/agent/services"))).isTrue();
    consul.restart();
    assertThat(http.get("/v1/agent/services").status()).isEqualTo(200);
    assertThat(consul.services()).isEmpty();
  }

  @Test
  void unreachablePeriodRefusesConnectionsButKeepsRegistrations() {
    registerApi();
    consul.goUnreachable();
    assertThat(consul.isReachable()).isFalse();
    assertThat(consul.isRunning()).isTrue();
    assertThat(refused(() -> http.get("/v1/agent/services"))).isTrue();
    consul.becomeReachable();
    assertThat(http.get("/v1/agent/services").object()).containsKey("api-1");
  }

  @Test
  void unreachableForComesBackByItself() {
    registerApi();
    consul.unreachableFor(Duration.ofMillis(500));
    assertThat(refused(() -> http.get("/v1/agent/services"))).isTrue();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> http.get("/v1/agent/services").object().containsKey("api-1"));
  }

  @Test
  void goingUnreachableCutsBlockingQueries() throws Exception {
    registerApi();
    long index = http.get("/v1/health/service/api").index();
    CompletableFuture<Answer> blocked =
        CompletableFuture.supplyAsync(
            () -> http.get("/v1/health/service/api?index=" + index + "&wait=5m"));
    Thread.sleep(300);
    consul.goUnreachable();
    assertThatThrownBy(() -> blocked.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void failNextRequestsAnswersErrorsThenRecovers() {
    consul.failNextRequests(2);
    Answer first = http.get("/v1/agent/services");
    assertThat(first.status()).isEqualTo(500);
    assertThat(first.body()).isEqualTo("No cluster leader");
    assertThat(http.register("{\"Name\":\"api\"}").status()).isEqualTo(500);
    assertThat(consul.services()).isEmpty();
    assertThat(http.get("/v1/agent/services").status()).isEqualTo(200);
  }

  @Test
  void failRequestsMatchingHitsOnlyMatchingPathsUntilCleared() {
    consul.failRequestsMatching("/v1/health/service/.*", 503, "unavailable");
    Answer health = http.get("/v1/health/service/api");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("unavailable");
    assertThat(http.get("/v1/agent/services").status()).isEqualTo(200);
    consul.clearFaults();
    assertThat(http.get("/v1/health/service/api").status()).isEqualTo(200);
  }

  @Test
  void injectedLatencyDelaysAnswers() {
    consul.injectLatency(Duration.ofMillis(400));
    long started = System.nanoTime();
    assertThat(http.get("/v1/status/leader").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    consul.injectLatency(Duration.ZERO);
  }

  @Test
  void requestLogRecordsMethodPathAndTokenSourceWithQueryTokenRedacted() {
    http.get("/v1/agent/services", "X-Consul-Token", "secret-1");
    http.get("/v1/health/service/api?passing&token=secret-2");
    http.get("/v1/agent/self", "Authorization", "Bearer secret-3");
    assertThat(consul.requests())
        .containsExactly(
            new RecordedRequest("GET", "/v1/agent/services", "X-Consul-Token"),
            new RecordedRequest("GET", "/v1/health/service/api?passing&token=<redacted>", "query"),
            new RecordedRequest("GET", "/v1/agent/self", "Authorization"));
    assertThat(consul.requests().toString()).doesNotContain("secret");
    assertThat(consul.requests().get(1).path()).isEqualTo("/v1/health/service/api");
    consul.clearRequests();
    assertThat(consul.requests()).isEmpty();
  }

  @Test
  void fixedPortIsHonouredAndABusyPortFailsToStart() {
    try (LocalConsul other = LocalConsul.builder().port(consul.port()).start()) {
      throw new AssertionError("bound a busy port: " + other);
    } catch (UncheckedIOException expected) {
      assertThat(expected.getMessage()).contains("127.0.0.1:" + consul.port());
    }
  }

  @Test
  void closeIsIdempotentAndRestartAfterCloseIsRefused() {
    consul.close();
    consul.close();
    assertThatThrownBy(consul::restart).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderRejectsNonsense() {
    assertThatThrownBy(() -> LocalConsul.builder().port(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalConsul.builder().minimumDeregisterInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalConsul.builder().aclToken(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LocalConsul.builder().datacenter(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mainPrintsUsageForHelp() throws InterruptedException {
    try (LogCapture out = LogCapture.start()) {
      LocalConsul.main(new String[] {"--help"});
      assertThat(out.lines()).anyMatch(l -> l.startsWith("usage: LocalConsul"));
      assertThat(out.lines()).anyMatch(l -> l.contains("not for production"));
    }
  }

  @Test
  void forgetServiceDropsARegistrationBehindTheClientsBack() {
    registerApi();
    long index = http.get("/v1/health/service/api").index();
    assertThat(consul.forgetService("api-1")).isTrue();
    assertThat(consul.forgetService("api-1")).isFalse();
    assertThat(http.get("/v1/agent/service/api-1").status()).isEqualTo(404);
    assertThat(http.get("/v1/health/service/api").index()).isGreaterThan(index);
  }

  @Test
  void aPersistentRestartRestoresServicesAndUnexpiredTtlCheckStates() {
    http.register(
        "{\"ID\":\"api-1\",\"Name\":\"api\",\"Port\":8080,"
            + "\"Checks\":[{\"CheckID\":\"ttl\",\"TTL\":\"1m\"},"
            + "{\"CheckID\":\"web\",\"HTTP\":\"http://127.0.0.1:1/\",\"Interval\":\"1m\","
            + "\"Status\":\"passing\"}]}");
    assertThat(http.put("/v1/agent/check/pass/ttl?note=fine", "").status()).isEqualTo(200);
    long before = consul.index();

    consul.restartPersistent();

    assertThat(consul.services()).containsOnlyKeys("api-1");
    assertThat(consul.checks().get("ttl").status()).isEqualTo("passing");
    assertThat(consul.checks().get("ttl").output()).isEqualTo("fine");
    // Consul loads persisted checks as critical; only TTL state is persisted
    assertThat(consul.checks().get("web").status()).isEqualTo("critical");
    assertThat(consul.index()).isGreaterThan(before);
  }

  @Test
  void aWipedRestartLosesEverything() {
    registerApi();
    consul.restartWiped();
    assertThat(consul.services()).isEmpty();
    assertThat(http.get("/v1/health/service/api").list()).isEmpty();
  }

  @Test
  void withoutLeaderTheAgentAnswersLocallyWhileCatalogAndHealthFail() {
    registerApi();
    consul.loseLeader();

    assertThat(http.get("/v1/agent/services").object()).containsOnlyKeys("api-1");
    assertThat(http.register("{\"ID\":\"api-2\",\"Name\":\"api\",\"Port\":8081}").status())
        .isEqualTo(200);
    Answer health = http.get("/v1/health/service/api");
    assertThat(health.status()).isEqualTo(500);
    assertThat(health.body()).isEqualTo("No cluster leader");
    assertThat(http.get("/v1/catalog/services").status()).isEqualTo(500);
    assertThat(http.get("/v1/status/leader").body()).isEqualTo("\"\"");

    consul.regainLeader();
    assertThat(http.get("/v1/health/service/api").list()).hasSize(2);
    assertThat(http.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.1:8300\"");
  }
}
