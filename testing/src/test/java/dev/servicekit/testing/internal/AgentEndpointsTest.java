package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.TestHttp;
import dev.servicekit.testing.TestHttp.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentEndpointsTest {
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
  void registerAnswers200WithEmptyBodyAndServiceShowsUpKeyedById() {
    Answer r =
        http.register(
            "{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"v1\",\"blue\"],\"Address\":\"10.1.2.3\","
                + "\"Port\":8080,\"Meta\":{\"version\":\"1.2\"},\"EnableTagOverride\":true}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();

    Answer services = http.get("/v1/agent/services");
    assertThat(services.status()).isEqualTo(200);
    assertThat(services.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> all = services.object();
    assertThat(all).containsOnlyKeys("web-1");
    @SuppressWarnings("unchecked")
    Map<String, Object> web = (Map<String, Object>) all.get("web-1");
    assertThat(web)
        .containsEntry("ID", "web-1")
        .containsEntry("Service", "web")
        .containsEntry("Tags", List.of("v1", "blue"))
        .containsEntry("Address", "10.1.2.3")
        .containsEntry("Port", 8080L)
        .containsEntry("Meta", Map.of("version", "1.2"))
        .containsEntry("EnableTagOverride", true)
        .containsEntry("Weights", Map.of("Passing", 1L, "Warning", 1L))
        .containsEntry("Datacenter", "dc1");
  }

  @Test
  void idDefaultsToNameAndEmptyTagsAndMetaAreEmptyNotNull() {
    http.register("{\"Name\":\"api\",\"Port\":1}");
    Map<String, Object> api = http.get("/v1/agent/service/api").object();
    assertThat(api)
        .containsEntry("ID", "api")
        .containsEntry("Tags", List.of())
        .containsEntry("Meta", Map.of())
        .containsEntry("Address", "");
  }

  @Test
  void keysMatchCaseInsensitivelyAndSnakeCaseIsAccepted() {
    assertThat(
            http.register("{\"name\":\"api\",\"id\":\"a1\",\"enable_tag_override\":true}").status())
        .isEqualTo(200);
    assertThat(http.get("/v1/agent/service/a1").object()).containsEntry("EnableTagOverride", true);
  }

  @Test
  void singleServiceCarriesContentHashInBodyAndHeader() {
    http.register("{\"Name\":\"api\",\"Port\":1}");
    Answer r = http.get("/v1/agent/service/api");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.object().get("ContentHash")).isEqualTo(r.header("X-Consul-ContentHash"));
  }

  @Test
  void unknownServiceIs404WithConsulsMessage() {
    Answer r = http.get("/v1/agent/service/nope");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("unknown service ID: nope");
  }

  @Test
  void deregisterRemovesServiceAndItsChecks() {
    http.register("{\"Name\":\"api\",\"Check\":{\"TTL\":\"30s\"}}");
    assertThat(http.put("/v1/agent/service/deregister/api", null).status()).isEqualTo(200);
    assertThat(http.get("/v1/agent/services").object()).isEmpty();
    assertThat(http.get("/v1/agent/checks").object()).isEmpty();
  }

  @Test
  void deregisterOfUnknownServiceIs404WithConsulsMessage() {
    Answer r = http.put("/v1/agent/service/deregister/ghost", null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "Unknown service ID \"ghost\". Ensure that the service ID is passed, not the service"
                + " name.");
  }

  @Test
  void singleCheckGetsServiceIdCheckIdAndDefaultNameAndStartsCritical() {
    http.register("{\"ID\":\"api-1\",\"Name\":\"api\",\"Check\":{\"TTL\":\"30s\"}}");
    Map<String, Object> checks = http.get("/v1/agent/checks").object();
    assertThat(checks).containsOnlyKeys("service:api-1");
    @SuppressWarnings("unchecked")
    Map<String, Object> check = (Map<String, Object>) checks.get("service:api-1");
    assertThat(check)
        .containsEntry("CheckID", "service:api-1")
        .containsEntry("Name", "Service 'api' check")
        .containsEntry("Status", "critical")
        .containsEntry("ServiceID", "api-1")
        .containsEntry("ServiceName", "api")
        .containsEntry("Type", "ttl")
        .containsEntry("Node", "localconsul");
  }

  @Test
  void severalChecksAreNumberedFromOneAndHonourGivenIdNameAndStatus() {
    http.register(
        "{\"ID\":\"api-1\",\"Name\":\"api\",\"Checks\":[{\"TTL\":\"30s\"},"
            + "{\"TTL\":\"30s\",\"Status\":\"passing\"},"
            + "{\"CheckID\":\"custom\",\"Name\":\"mine\",\"TTL\":\"30s\",\"Status\":\"warning\"}]}");
    Map<String, Object> checks = http.get("/v1/agent/checks").object();
    assertThat(checks).containsOnlyKeys("service:api-1:1", "service:api-1:2", "custom");
    assertThat(consul.checkStatus("service:api-1:1")).contains("critical");
    assertThat(consul.checkStatus("service:api-1:2")).contains("passing");
    assertThat(consul.checkStatus("custom")).contains("warning");
    assertThat(consul.checks().get("custom").name()).isEqualTo("mine");
  }

  @Test
  void reregisteringKeepsOtherChecksUnlessReplaceExistingChecks() {
    http.register(
        "{\"ID\":\"a\",\"Name\":\"api\",\"Checks\":[{\"CheckID\":\"one\",\"TTL\":\"30s\"},"
            + "{\"CheckID\":\"two\",\"TTL\":\"30s\"}]}");
    http.register(
        "{\"ID\":\"a\",\"Name\":\"api\",\"Check\":{\"CheckID\":\"one\",\"TTL\":\"30s\"}}");
    assertThat(consul.checks()).containsOnlyKeys("one", "two");

    http.put(
        "/v1/agent/service/register?replace-existing-checks",
        "{\"ID\":\"a\",\"Name\":\"api\",\"Check\":{\"CheckID\":\"one\",\"TTL\":\"30s\"}}");
    assertThat(consul.checks()).containsOnlyKeys("one");

    http.put(
        "/v1/agent/service/register?replace-existing-checks=true",
        "{\"ID\":\"a\",\"Name\":\"api\",\"Check\":{\"CheckID\":\"three\",\"TTL\":\"30s\"}}");
    assertThat(consul.checks()).containsOnlyKeys("three");
  }

  @Test
  void ttlPassWarnFailSetStatusAndNoteBecomesOutput() {
    http.register("{\"ID\":\"a\",\"Name\":\"api\",\"Check\":{\"TTL\":\"30s\"}}");
    assertThat(http.put("/v1/agent/check/pass/service:a?note=all%20good", null).status())
        .isEqualTo(200);
    assertThat(consul.checks().get("service:a").status()).isEqualTo("passing");
    assertThat(consul.checks().get("service:a").output()).isEqualTo("all good");
    http.put("/v1/agent/check/warn/service:a", null);
    assertThat(consul.checkStatus("service:a")).contains("warning");
    http.put("/v1/agent/check/fail/service:a", null);
    assertThat(consul.checkStatus("service:a")).contains("critical");
  }

  @Test
  void checkUpdateTakesStatusAndOutputAndRejectsBadStatus() {
    http.register("{\"ID\":\"a\",\"Name\":\"api\",\"Check\":{\"TTL\":\"30s\"}}");
    Answer ok =
        http.put(
            "/v1/agent/check/update/service:a", "{\"Status\":\"passing\",\"Output\":\"fine\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(consul.checks().get("service:a").output()).isEqualTo("fine");

    Answer bad = http.put("/v1/agent/check/update/service:a", "{\"Status\":\"great\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("Invalid check status: 'great'");

    Answer garbage = http.put("/v1/agent/check/update/service:a", "{\"Status\":");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.body()).startsWith("Request decode failed: ");
  }

  @Test
  void ttlUpdateOfUnknownCheckIs404AndOfNonTtlCheckIs500() {
    Answer unknown = http.put("/v1/agent/check/pass/service:gone", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo(
            "Unknown check ID \"service:gone\". Ensure that the check ID is passed, not the check"
                + " name.");

    http.register(
        "{\"ID\":\"h\",\"Name\":\"web\",\"Check\":{\"HTTP\":\"http://127.0.0.1:1/\","
            + "\"Interval\":\"10s\"}}");
    Answer notTtl = http.put("/v1/agent/check/pass/service:h", null);
    assertThat(notTtl.status()).isEqualTo(500);
    assertThat(notTtl.body()).isEqualTo("CheckID \"service:h\" does not have associated TTL");
  }

  @Test
  void badRegistrationsAre400WithConsulsMessages() {
    assertThat(http.register("{\"Port\":1}").body()).isEqualTo("Missing service name");
    assertThat(http.register("{\"Name\":\"a\",\"Port\":\"x\"}").body())
        .isEqualTo(
            "Request decode failed: json: cannot unmarshal string into Go struct field"
                + " ServiceDefinition.Port of type int");
    assertThat(http.register("{\"Name\":\"a\",\"Check\":{\"TTL\":\"soon\"}}").body())
        .isEqualTo("Request decode failed: time: invalid duration \"soon\"");
    assertThat(http.register("{\"Name\":\"a\",\"Check\":{\"HTTP\":\"http://x/\"}}").body())
        .isEqualTo(
            "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or GRPC checks");
    assertThat(http.register("{\"Name\":\"a\",\"Check\":{\"Notes\":\"x\"}}").body())
        .isEqualTo("Invalid check: TTL must be > 0 for TTL checks");
    assertThat(
            http.register("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\",\"Interval\":\"1s\"}}").body())
        .isEqualTo("Invalid check: Interval and TTL cannot both be specified");
    assertThat(
            http.register("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\",\"Status\":\"fine\"}}").body())
        .isEqualTo("Status for checks must 'passing', 'warning', 'critical'");
    assertThat(http.register("{\"Name\":\"a\",\"Meta\":{\"consul-x\":\"1\"}}").body())
        .isEqualTo(
            "Invalid Service Meta: Couldn't load metadata pair ('consul-x', '1'): Key prefix"
                + " 'consul-' is reserved for internal use");
    assertThat(http.register("{\"Name\":\"a\",\"Weights\":{\"Passing\":0}}").body())
        .isEqualTo("Invalid Weights: Passing must be greater than 0");
    Answer syntax = http.register("{\"Name\":\"a\",}");
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.body()).startsWith("Request decode failed: Unexpected character");
    assertThat(consul.services()).isEmpty();
  }

  @Test
  void wrongMethodIs405WithAllowHeaderAndUnknownPathIs404() {
    Answer wrong = http.get("/v1/agent/service/register");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.body()).isEqualTo("method GET not allowed");
    assertThat(wrong.header("Allow")).isEqualTo("PUT");

    Answer unknown = http.get("/v1/agent/nonsense");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEmpty();
  }

  @Test
  void selfDescribesTheAgent() {
    Map<String, Object> self = http.get("/v1/agent/self").object();
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) self.get("Config");
    assertThat(config)
        .containsEntry("Datacenter", "dc1")
        .containsEntry("NodeName", "localconsul")
        .containsKey("Version");
  }

  @Test
  void prettyParameterIndentsJson() {
    http.register("{\"Name\":\"api\"}");
    assertThat(http.get("/v1/agent/services?pretty").body()).contains("\n    \"api\": {");
  }

  @Test
  void serviceBlocksOnItsContentHashUntilTheServiceChanges() throws Exception {
    http.register("{\"Name\":\"api\",\"Port\":1}");
    String hash = http.get("/v1/agent/service/api").header("X-Consul-ContentHash");
    java.util.concurrent.CompletableFuture<Answer> blocked =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> http.get("/v1/agent/service/api?hash=" + hash + "&wait=30s"));
    Thread.sleep(200);
    assertThat(blocked).isNotDone();
    http.register("{\"Name\":\"api\",\"Port\":2}");
    Answer r = blocked.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(r.object()).containsEntry("Port", 2L);
    assertThat(r.header("X-Consul-ContentHash")).isNotEqualTo(hash);
  }

  @Test
  void namespacesAndPartitionsAreRefusedAsInConsulsOpenSourceEdition() {
    Answer ns = http.get("/v1/agent/services?ns=team");
    assertThat(ns.status()).isEqualTo(400);
    assertThat(ns.body())
        .isEqualTo("Invalid query parameter: \"ns\" - Namespaces are a Consul Enterprise feature");
    assertThat(http.get("/v1/health/service/a", "X-Consul-Namespace", "team").status())
        .isEqualTo(400);
    assertThat(http.get("/v1/catalog/services?partition=p").status()).isEqualTo(400);
  }

  @Test
  void checksCanBeRegisteredAndDeregisteredOnTheirOwn() {
    http.register("{\"ID\":\"a\",\"Name\":\"api\"}");
    Answer r =
        http.put(
            "/v1/agent/check/register",
            "{\"Name\":\"mem\",\"ServiceID\":\"a\",\"TTL\":\"30s\",\"Status\":\"passing\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(consul.checks().get("mem").serviceId()).isEqualTo("a");
    assertThat(consul.checkStatus("mem")).contains("passing");

    Answer unknownService =
        http.put("/v1/agent/check/register", "{\"Name\":\"x\",\"ServiceID\":\"b\",\"TTL\":\"1s\"}");
    assertThat(unknownService.status()).isEqualTo(404);
    assertThat(unknownService.body()).isEqualTo("ServiceID \"b\" does not exist");
    assertThat(http.put("/v1/agent/check/register", "{\"TTL\":\"1s\"}").body())
        .isEqualTo("Missing check name");

    assertThat(http.put("/v1/agent/check/deregister/mem", null).status()).isEqualTo(200);
    assertThat(consul.checks()).doesNotContainKey("mem");
    assertThat(http.put("/v1/agent/check/deregister/mem", null).status()).isEqualTo(404);
  }

  @Test
  void nodeChecksShowInEveryHealthEntryAndCountForPassing() {
    http.register("{\"ID\":\"a\",\"Name\":\"api\"}");
    long index = http.get("/v1/health/service/api").index();
    http.put("/v1/agent/check/register", "{\"ID\":\"disk\",\"Name\":\"disk\",\"TTL\":\"30s\"}");
    Answer health = http.get("/v1/health/service/api");
    assertThat(health.index()).isGreaterThan(index);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks =
        (List<Map<String, Object>>) health.list().get(0).get("Checks");
    assertThat(checks).extracting(c -> c.get("CheckID")).containsExactly("serfHealth", "disk");
    assertThat(http.get("/v1/health/service/api?passing").list()).isEmpty();
    http.put("/v1/agent/check/pass/disk", null);
    assertThat(http.get("/v1/health/service/api?passing").list()).hasSize(1);
  }

  private static String q(String filter) {
    return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void filterSelectsAgentServicesAndChecks() {
    http.register(
        "{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"v1\"],\"Meta\":{\"env\":\"prod\"},"
            + "\"Check\":{\"TTL\":\"1m\",\"Status\":\"passing\"}}");
    http.register(
        "{\"ID\":\"web-2\",\"Name\":\"web\",\"Tags\":[\"v2\"]," + "\"Check\":{\"TTL\":\"1m\"}}");
    http.register("{\"ID\":\"db-1\",\"Name\":\"db\"}");

    assertThat(http.get("/v1/agent/services?filter=" + q("Service == web")).object())
        .containsOnlyKeys("web-1", "web-2");
    assertThat(
            http.get("/v1/agent/services?filter=" + q("v1 in Tags and Meta.env == prod")).object())
        .containsOnlyKeys("web-1");
    assertThat(http.get("/v1/agent/checks?filter=" + q("Status == critical")).object())
        .containsOnlyKeys("service:web-2");
    Answer bad = http.get("/v1/agent/services?filter=" + q("Colour == red"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .isEqualTo("Failed to create evaluator for expression: Selector \"Colour\" is not valid");
  }
}
