package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.TestHttp;
import dev.servicekit.testing.TestHttp.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthEndpointsTest {
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

  private void registerTtl(String id, String name, String status, String... tags) {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) {
      t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
    }
    Answer r =
        http.register(
            "{\"ID\":\""
                + id
                + "\",\"Name\":\""
                + name
                + "\",\"Port\":9000,\"Tags\":["
                + t
                + "],\"Check\":{\"TTL\":\"60s\",\"Status\":\""
                + status
                + "\"}}");
    assertThat(r.status()).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Answer a) {
    return a.list().stream()
        .map(e -> (String) ((Map<String, Object>) e.get("Service")).get("ID"))
        .toList();
  }

  @Test
  void entriesHaveNodeServiceAndChecksIncludingSerfHealth() {
    registerTtl("api-1", "api", "passing", "v1");
    Answer r = http.get("/v1/health/service/api");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.index()).isPositive();
    assertThat(r.header("X-Consul-KnownLeader")).isEqualTo("true");
    assertThat(r.header("X-Consul-LastContact")).isEqualTo("0");
    Map<String, Object> entry = r.list().get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> node = (Map<String, Object>) entry.get("Node");
    assertThat(node)
        .containsEntry("Node", "localconsul")
        .containsEntry("Address", "127.0.0.1")
        .containsEntry("Datacenter", "dc1")
        .containsKey("ID");
    @SuppressWarnings("unchecked")
    Map<String, Object> service = (Map<String, Object>) entry.get("Service");
    assertThat(service)
        .containsEntry("ID", "api-1")
        .containsEntry("Service", "api")
        .containsEntry("Tags", List.of("v1"))
        .containsEntry("Port", 9000L)
        .containsEntry("Address", "");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) entry.get("Checks");
    assertThat(checks)
        .extracting(c -> c.get("CheckID"))
        .containsExactly("serfHealth", "service:api-1");
    assertThat(checks.get(0)).containsEntry("Status", "passing").containsEntry("ServiceID", "");
    assertThat(checks.get(1))
        .containsEntry("Status", "passing")
        .containsEntry("ServiceName", "api")
        .containsEntry("Node", "localconsul");
  }

  @Test
  void passingKeepsOnlyInstancesWhoseChecksAllPass() {
    registerTtl("a", "api", "passing");
    registerTtl("b", "api", "warning");
    registerTtl("c", "api", "critical");
    assertThat(ids(http.get("/v1/health/service/api"))).containsExactly("a", "b", "c");
    assertThat(ids(http.get("/v1/health/service/api?passing"))).containsExactly("a");
    assertThat(ids(http.get("/v1/health/service/api?passing=true"))).containsExactly("a");
    assertThat(ids(http.get("/v1/health/service/api?passing=false"))).hasSize(3);
    assertThat(http.get("/v1/health/service/api?passing=maybe").status()).isEqualTo(400);
  }

  @Test
  void everyTagGivenMustMatchCaseInsensitively() {
    registerTtl("a", "api", "passing", "blue", "v1");
    registerTtl("b", "api", "passing", "blue");
    registerTtl("c", "api", "passing", "green", "v1");
    assertThat(ids(http.get("/v1/health/service/api?tag=blue"))).containsExactly("a", "b");
    assertThat(ids(http.get("/v1/health/service/api?tag=BLUE&tag=v1"))).containsExactly("a");
    assertThat(ids(http.get("/v1/health/service/api?tag=red"))).isEmpty();
  }

  @Test
  void unknownServiceIsAnEmptyListWithAnIndex() {
    Answer r = http.get("/v1/health/service/nothing");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.list()).isEmpty();
    assertThat(r.index()).isPositive();
  }

  @Test
  void olderIndexAnswersAtOnce() {
    registerTtl("a", "api", "passing");
    long index = http.get("/v1/health/service/api").index();
    Answer r = http.get("/v1/health/service/api?index=" + (index - 1) + "&wait=5m");
    assertThat(r.index()).isEqualTo(index);
  }

  @Test
  void blockingQueryReturnsOnChangeWithNewIndex() throws Exception {
    registerTtl("a", "api", "passing");
    long index = http.get("/v1/health/service/api").index();
    CompletableFuture<Answer> blocked =
        CompletableFuture.supplyAsync(
            () -> http.get("/v1/health/service/api?index=" + index + "&wait=30s"));
    Thread.sleep(300);
    assertThat(blocked).isNotDone();
    registerTtl("b", "api", "passing");
    Answer r = blocked.get(20, TimeUnit.SECONDS);
    assertThat(r.index()).isGreaterThan(index);
    assertThat(ids(r)).containsExactly("a", "b");
  }

  @Test
  void blockingQueryWakesOnCheckStatusChange() throws Exception {
    registerTtl("a", "api", "passing");
    long index = http.get("/v1/health/service/api?passing").index();
    CompletableFuture<Answer> blocked =
        CompletableFuture.supplyAsync(
            () -> http.get("/v1/health/service/api?passing&index=" + index + "&wait=30s"));
    http.put("/v1/agent/check/fail/service:a", null);
    Answer r = blocked.get(20, TimeUnit.SECONDS);
    assertThat(r.index()).isGreaterThan(index);
    assertThat(r.list()).isEmpty();
  }

  @Test
  void blockingQueryIgnoresChangesToOtherServices() throws Exception {
    registerTtl("a", "api", "passing");
    long index = http.get("/v1/health/service/api").index();
    CompletableFuture<Answer> blocked =
        CompletableFuture.supplyAsync(
            () -> http.get("/v1/health/service/api?index=" + index + "&wait=1s"));
    registerTtl("x", "other", "passing");
    Answer r = blocked.get(20, TimeUnit.SECONDS);
    assertThat(r.index()).isEqualTo(index);
    assertThat(consul.index()).isGreaterThan(index);
  }

  @Test
  void blockingQueryTimesOutWithTheSameIndex() {
    registerTtl("a", "api", "passing");
    long index = http.get("/v1/health/service/api").index();
    long started = System.nanoTime();
    Answer r = http.get("/v1/health/service/api?index=" + index + "&wait=1s");
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.index()).isEqualTo(index);
    assertThat(ids(r)).containsExactly("a");
    // it did block (wait plus at most 1/16 jitter), rather than answer at once
    assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
  }

  @Test
  void badIndexOrWaitIs400() {
    Answer badIndex = http.get("/v1/health/service/api?index=x");
    assertThat(badIndex.status()).isEqualTo(400);
    assertThat(badIndex.body()).isEqualTo("Invalid index");
    Answer badWait = http.get("/v1/health/service/api?index=1&wait=10");
    assertThat(badWait.status()).isEqualTo(400);
    assertThat(badWait.body()).isEqualTo("Invalid wait time");
  }

  @Test
  void otherDatacenterHasNoPath() {
    Answer r = http.get("/v1/health/service/api?dc=elsewhere");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("No path to datacenter");
  }

  @Test
  void consulServiceItselfIsListed() {
    Map<String, Object> entry = http.get("/v1/health/service/consul").list().get(0);
    assertThat(entry.get("Service"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("Port", 8300L);
  }

  @Test
  void oneChangeWakesEveryWaitingWatcher() throws Exception {
    registerTtl("a", "api", "passing");
    long index = http.get("/v1/health/service/api").index();
    List<CompletableFuture<Answer>> watchers = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      for (int i = 0; i < 20; i++) {
        watchers.add(
            CompletableFuture.supplyAsync(
                () -> http.get("/v1/health/service/api?index=" + index + "&wait=60s"), pool));
      }
      Thread.sleep(500);
      assertThat(watchers).noneMatch(CompletableFuture::isDone);
      registerTtl("b", "api", "passing");
      for (CompletableFuture<Answer> w : watchers) {
        Answer r = w.get(30, TimeUnit.SECONDS);
        assertThat(r.index()).isGreaterThan(index);
        assertThat(ids(r)).containsExactly("a", "b");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void filterSelectsHealthEntriesIncludingThroughChecks() {
    registerTtl("a1", "api", "passing", "blue");
    registerTtl("a2", "api", "critical", "green");
    String critical =
        java.net.URLEncoder.encode(
            "Checks.Status == critical and Service.Port == 9000",
            java.nio.charset.StandardCharsets.UTF_8);
    Answer a = http.get("/v1/health/service/api?filter=" + critical);
    assertThat(a.status()).isEqualTo(200);
    assertThat(ids(a)).containsExactly("a2");
    assertThat(ids(http.get("/v1/health/service/api?filter=blue%20in%20Service.Tags")))
        .containsExactly("a1");
    Answer bad = http.get("/v1/health/service/api?filter=Service.Colour%20%3D%3D%20x");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).startsWith("Failed to create evaluator for expression: ");
  }

  @Test
  void answersCarryConsulsQueryMetaHeaders() {
    registerTtl("a1", "api", "passing");
    Answer a = http.get("/v1/health/service/api");
    assertThat(a.header("X-Consul-Effective-Consistency")).isEqualTo("leader");
    assertThat(a.header("X-Consul-Query-Backend")).isEqualTo("blocking-query");
    assertThat(a.header("X-Consul-KnownLeader")).isEqualTo("true");
    assertThat(a.header("X-Consul-LastContact")).isEqualTo("0");
    assertThat(a.header("X-Consul-Results-Filtered-By-ACLs")).isNull();
    assertThat(http.get("/v1/health/service/api?stale").header("X-Consul-Effective-Consistency"))
        .isEqualTo("stale");
  }
}
