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

class CatalogEndpointsTest {
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

  @Test
  void servicesMapsNamesToTheUnionOfTheirTagsIncludingConsul() {
    http.register("{\"ID\":\"a1\",\"Name\":\"api\",\"Tags\":[\"v1\",\"blue\"]}");
    http.register("{\"ID\":\"a2\",\"Name\":\"api\",\"Tags\":[\"v1\",\"green\"]}");
    http.register("{\"ID\":\"w1\",\"Name\":\"web\"}");
    Answer r = http.get("/v1/catalog/services");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.index()).isPositive();
    assertThat(r.object())
        .containsExactly(
            Map.entry("api", List.of("v1", "blue", "green")),
            Map.entry("consul", List.of()),
            Map.entry("web", List.of()));
  }

  @Test
  void servicesBlocksUntilTheSetOfServicesChanges() throws Exception {
    long index = http.get("/v1/catalog/services").index();
    CompletableFuture<Answer> blocked =
        CompletableFuture.supplyAsync(
            () -> http.get("/v1/catalog/services?index=" + index + "&wait=30s"));
    Thread.sleep(200);
    assertThat(blocked).isNotDone();
    http.register("{\"Name\":\"api\"}");
    Answer r = blocked.get(20, TimeUnit.SECONDS);
    assertThat(r.index()).isGreaterThan(index);
    assertThat(r.object()).containsKey("api");
  }

  @Test
  void serviceListsInstancesWithNodeAndServiceFieldsAndFiltersByTag() {
    http.register(
        "{\"ID\":\"a1\",\"Name\":\"api\",\"Tags\":[\"blue\"],\"Address\":\"10.0.0.1\",\"Port\":81,"
            + "\"Meta\":{\"v\":\"1\"}}");
    http.register("{\"ID\":\"a2\",\"Name\":\"api\",\"Tags\":[\"green\"],\"Port\":82}");
    List<Map<String, Object>> all = http.get("/v1/catalog/service/api").list();
    assertThat(all).hasSize(2);
    assertThat(all.get(0))
        .containsEntry("Node", "localconsul")
        .containsEntry("Address", "127.0.0.1")
        .containsEntry("Datacenter", "dc1")
        .containsEntry("ServiceID", "a1")
        .containsEntry("ServiceName", "api")
        .containsEntry("ServiceTags", List.of("blue"))
        .containsEntry("ServiceAddress", "10.0.0.1")
        .containsEntry("ServicePort", 81L)
        .containsEntry("ServiceMeta", Map.of("v", "1"));
    assertThat(http.get("/v1/catalog/service/api?tag=green").list())
        .extracting(e -> e.get("ServiceID"))
        .containsExactly("a2");
  }

  @Test
  void catalogIndexIgnoresCheckStatusChanges() {
    http.register("{\"ID\":\"a1\",\"Name\":\"api\",\"Check\":{\"TTL\":\"30s\"}}");
    long catalog = http.get("/v1/catalog/service/api").index();
    long health = http.get("/v1/health/service/api").index();
    http.put("/v1/agent/check/pass/service:a1", null);
    assertThat(http.get("/v1/catalog/service/api").index()).isEqualTo(catalog);
    assertThat(http.get("/v1/health/service/api").index()).isGreaterThan(health);
  }
}
