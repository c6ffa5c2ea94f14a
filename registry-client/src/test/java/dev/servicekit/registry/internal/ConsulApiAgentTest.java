package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.internal.ScriptedAgent.Reply;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ConsulApiAgentTest {

  static final String TOKEN = "5e3c0a7e-token-d00d-4b1d-secret0001";

  static ConsulSettings settings(String address, String... extra) {
    Map<String, String> config = new HashMap<>();
    config.put("servicekit.registry.address", address);
    config.put("servicekit.registry.token", TOKEN);
    config.put("servicekit.registry.request-timeout", "2s");
    for (int i = 0; i < extra.length; i += 2) {
      config.put(extra[i], extra[i + 1]);
    }
    return ConsulSettings.from(ServiceConfig.of(config, new Properties(), Map.of())).orElseThrow();
  }

  static Registration registration() {
    return new Registration(
        "orders-1",
        "orders",
        "10.0.0.5",
        8080,
        List.of("blue"),
        Map.of("version", "1.2.3"),
        new CheckDefinition.HttpCheck(
            "service:orders-1",
            "http://10.0.0.5:8081/health/ready",
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofMinutes(1)));
  }

  @Test
  void sendsTheTokenOnlyInTheConsulTokenHeader() throws Exception {
    try (ScriptedAgent server = new ScriptedAgent(s -> Reply.of(200, "[]"));
        ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()))) {
      agent.register(registration());
      agent.passTtl("service:orders-1");
      agent.isRegistered("orders-1");
      agent.healthy("inventory", 0, Duration.ofSeconds(1));
      agent.deregister("orders-1");

      assertThat(server.seen).hasSize(5);
      for (ScriptedAgent.Seen s : server.seen) {
        assertThat(s.header("X-Consul-Token")).isEqualTo(TOKEN);
        assertThat(s.path()).doesNotContain(TOKEN);
        assertThat(String.valueOf(s.query())).doesNotContain(TOKEN).doesNotContain("token=");
        assertThat(s.body()).doesNotContain(TOKEN);
      }
    }
  }

  @Test
  void registersTheFullDefinitionReplacingExistingChecks() throws Exception {
    try (ScriptedAgent server = new ScriptedAgent(s -> Reply.of(200, ""));
        ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()))) {
      agent.register(registration());

      ScriptedAgent.Seen s = server.seen.get(0);
      assertThat(s.method()).isEqualTo("PUT");
      assertThat(s.path()).isEqualTo("/v1/agent/service/register");
      assertThat(s.query()).isEqualTo("replace-existing-checks=true");
      JsonObject body = JsonParser.parseString(s.body()).getAsJsonObject();
      assertThat(body.get("ID").getAsString()).isEqualTo("orders-1");
      assertThat(body.get("Name").getAsString()).isEqualTo("orders");
      assertThat(body.get("Address").getAsString()).isEqualTo("10.0.0.5");
      assertThat(body.get("Port").getAsInt()).isEqualTo(8080);
      assertThat(body.getAsJsonArray("Tags").get(0).getAsString()).isEqualTo("blue");
      assertThat(body.getAsJsonObject("Meta").get("version").getAsString()).isEqualTo("1.2.3");
      JsonObject check = body.getAsJsonObject("Check");
      assertThat(check.get("HTTP").getAsString()).isEqualTo("http://10.0.0.5:8081/health/ready");
      assertThat(check.get("Interval").getAsString()).isEqualTo("10s");
      assertThat(check.get("DeregisterCriticalServiceAfter").getAsString()).isEqualTo("60s");
    }
  }

  @Test
  void deregisteringAnUnknownServiceCountsAsDone() throws Exception {
    try (ScriptedAgent server = new ScriptedAgent(s -> Reply.of(404, "Unknown service ID"));
        ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()))) {
      agent.deregister("orders-1");
      assertThat(server.seen.get(0).method()).isEqualTo("PUT");
      assertThat(server.seen.get(0).path()).isEqualTo("/v1/agent/service/deregister/orders-1");
    }
  }

  @Test
  void reportsALostRegistrationWhenTheAgentDoesNotKnowTheCheckOrService() throws Exception {
    try (ScriptedAgent server = new ScriptedAgent(s -> Reply.of(404, "not found"));
        ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()))) {
      assertThat(agent.passTtl("service:orders-1")).isFalse();
      assertThat(agent.isRegistered("orders-1")).isFalse();
      assertThat(server.seen.get(0).path()).isEqualTo("/v1/agent/check/pass/service:orders-1");
      assertThat(server.seen.get(1).path()).isEqualTo("/v1/agent/service/orders-1");
    }
  }

  @Test
  void readsPassingInstancesWithNodeAddressFallbackAndTheConsulIndex() throws Exception {
    String body =
        "[{\"Node\":{\"Node\":\"n1\",\"Address\":\"10.1.1.1\"},"
            + "\"Service\":{\"ID\":\"inv-2\",\"Service\":\"inventory\",\"Tags\":[\"a\"],"
            + "\"Address\":\"\",\"Meta\":{\"version\":\"2\"},\"Port\":9001},"
            + "\"Checks\":[{\"Status\":\"passing\"}]},"
            + "{\"Node\":{\"Node\":\"n2\",\"Address\":\"10.1.1.2\"},"
            + "\"Service\":{\"ID\":\"inv-1\",\"Service\":\"inventory\",\"Tags\":[],"
            + "\"Address\":\"10.2.2.2\",\"Port\":9000},"
            + "\"Checks\":[{\"Status\":\"passing\"}]},"
            + "{\"Node\":{\"Node\":\"n3\",\"Address\":\"10.1.1.3\"},"
            + "\"Service\":{\"ID\":\"inv-3\",\"Service\":\"inventory\",\"Address\":\"10.3.3.3\","
            + "\"Port\":9002},\"Checks\":[{\"Status\":\"critical\"}]}]";
    try (ScriptedAgent server =
            new ScriptedAgent(s -> new Reply(200, body, Map.of("X-Consul-Index", "42")));
        ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()))) {
      ConsulAgent.Answer answer = agent.healthy("inventory", 7, Duration.ofSeconds(30));

      assertThat(answer.index()).isEqualTo(42);
      assertThat(answer.instances())
          .extracting(ServiceInstance::id, ServiceInstance::address, ServiceInstance::port)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("inv-1", "10.2.2.2", 9000),
              org.assertj.core.groups.Tuple.tuple("inv-2", "10.1.1.1", 9001));
      assertThat(answer.instances().get(1).meta()).containsEntry("version", "2");
      ScriptedAgent.Seen s = server.seen.get(0);
      assertThat(s.path()).isEqualTo("/v1/health/service/inventory");
      assertThat(s.query()).contains("passing").contains("index=7").contains("wait=30000ms");
    }
  }

  @Test
  void neverPutsTheTokenIntoExceptionMessages() throws Exception {
    try (ScriptedAgent server =
            new ScriptedAgent(
                s -> Reply.of(403, "ACL not found for token " + s.header("X-Consul-Token")));
        ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()))) {
      assertThatThrownBy(() -> agent.register(registration()))
          .isInstanceOf(AgentException.class)
          .hasMessageContaining("403")
          .hasMessageContaining("<redacted>")
          .hasMessageNotContaining(TOKEN);
      assertThatThrownBy(() -> agent.healthy("x", 0, Duration.ofSeconds(1)))
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void reportsAnUnreachableAgentWithStatusZero() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (ConsulApiAgent agent = new ConsulApiAgent(settings("127.0.0.1:" + port))) {
      assertThatThrownBy(() -> agent.register(registration()))
          .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isZero())
          .hasMessageContaining("unreachable")
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void sendsTheNamespaceHeaderWhenConfigured() throws Exception {
    try (ScriptedAgent server = new ScriptedAgent(s -> Reply.of(200, "[]"));
        ConsulApiAgent agent =
            new ConsulApiAgent(
                settings(server.address(), "servicekit.registry.namespace", "team-a"))) {
      agent.healthy("inventory", 0, Duration.ofSeconds(1));
      assertThat(server.seen.get(0).header("X-Consul-Namespace")).isEqualTo("team-a");
    }
  }

  @Test
  void runsOnAnHttpClientWithoutCve2020_13956() {
    org.apache.http.util.VersionInfo info =
        org.apache.http.util.VersionInfo.loadVersionInfo(
            "org.apache.http.client", ConsulApiAgent.class.getClassLoader());
    String[] parts = info.getRelease().split("[.-]");
    int patch =
        Integer.parseInt(parts[0]) * 10_000
            + Integer.parseInt(parts[1]) * 100
            + Integer.parseInt(parts[2]);
    assertThat(patch).as("httpclient %s", info.getRelease()).isGreaterThanOrEqualTo(40513);
  }

  @Test
  void putsServiceNamesIntoThePathAsOneEncodedSegment() throws Exception {
    try (ScriptedAgent server = new ScriptedAgent(s -> Reply.of(200, "[]"));
        ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()))) {
      agent.healthy("a/b c?", 0, Duration.ofSeconds(1));
      assertThat(server.seen.get(0).path()).isEqualTo("/v1/health/service/a%2Fb%20c%3F");
    }
  }

  @Test
  void closingCutsAHeldQueryWithoutRetryingIt() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<LogRecord> retryLog = new CopyOnWriteArrayList<>();
    Logger retryExec = Logger.getLogger("org.apache.http.impl.execchain.RetryExec");
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            retryLog.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    retryExec.addHandler(handler);
    try (ScriptedAgent server =
        new ScriptedAgent(
            s -> {
              held.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Reply.of(200, "[]");
            })) {
      ConsulApiAgent agent = new ConsulApiAgent(settings(server.address()));
      CompletableFuture<Object> query =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return agent.healthy("inventory", 5, Duration.ofSeconds(5));
                } catch (AgentException e) {
                  return e;
                }
              });
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

      agent.close();

      assertThat(query.get(10, TimeUnit.SECONDS)).isInstanceOf(AgentException.class);
      release.countDown();
      assertThat(server.seen).hasSize(1);
      assertThat(retryLog).extracting(LogRecord::getMessage).isEmpty();
    } finally {
      release.countDown();
      retryExec.removeHandler(handler);
    }
  }
}
