package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrarTest {

  static final String TOKEN = "9f1c7e52-aaaa-4bbb-8ccc-0123456789ab";

  private LocalConsul consul;

  @AfterEach
  void stopAgent() {
    if (consul != null) {
      consul.close();
    }
  }

  private static String readiness(ServiceRuntime runtime) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(runtime.managementUri().resolve("/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void startsWhileTheAgentIsDownAndRegistersOnceItIsUp() throws Exception {
    consul = Fixtures.consul().start();
    consul.stop();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ServiceRuntime runtime =
        Fixtures.service(consul, "orders", "orders-1", 8080).meterRegistry(meters).start()) {
      assertThat(runtime.isReady()).isTrue();
      await().atMost(Duration.ofSeconds(15)).until(() -> readiness(runtime).contains("retrying"));
      assertThat(meters.get("servicekit.registry.state").gauge().value()).isZero();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> meters.get("servicekit.registry.registration.failures").counter().count() >= 2);

      consul.restart();
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> meters.get("servicekit.registry.state").gauge().value() == 1.0);
      assertThat(readiness(runtime)).contains("registered");
    }
  }

  @Test
  void registersAgainAfterAnAgentRestartWipedItsRegistrations() {
    consul = Fixtures.consul().start();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ServiceRuntime runtime =
        Fixtures.service(consul, "orders", "orders-1", 8080).meterRegistry(meters).start()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      consul.restart();
      assertThat(consul.services()).isEmpty();
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      assertThat(meters.get("servicekit.registry.registration.lost").counter().count())
          .isPositive();
    }
  }

  @Test
  void registersAgainWhenATtlHeartbeatFindsTheCheckGone() {
    consul = Fixtures.consul().start();
    try (ServiceRuntime runtime =
        Fixtures.service(consul, "orders", "orders-1", 8080)
            .config("servicekit.registry.check.type", "ttl")
            .config("servicekit.registry.check.ttl", "3s")
            .start()) {
      consul.restart();
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> consul.checkStatus("service:orders-1").orElse(""), "passing"::equals);
      assertThat(consul.requests())
          .anySatisfy(r -> assertThat(r.path()).startsWith("/v1/agent/check/pass/"));
    }
  }

  @Test
  void sendsTheTokenAsAHeaderWhenTheAgentRequiresOne() {
    consul = Fixtures.consul().aclToken(TOKEN).start();
    try (Fixtures.LogCapture logs = new Fixtures.LogCapture();
        ServiceRuntime runtime =
            Fixtures.service(consul, "orders", "orders-1", 8080)
                .config("servicekit.registry.token", TOKEN)
                .start()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      assertThat(
              runtime.component(dev.servicekit.registry.ServiceDiscovery.class).instances("orders"))
          .isNotNull();
      for (RecordedRequest r : consul.requests()) {
        assertThat(r.uri()).doesNotContain(TOKEN).doesNotContain("token=");
        assertThat(r.tokenSource()).isEqualTo("X-Consul-Token");
      }
      runtime.close();
      assertThat(consul.services()).isEmpty();
      assertThat(logs.text()).doesNotContain(TOKEN);
    }
  }

  @Test
  void keepsRetryingWithAWrongTokenAndNeverRevealsIt() throws Exception {
    consul = Fixtures.consul().aclToken("the-right-token").start();
    String wrong = "0badc0de-wrong-token-4444-secretsecret";
    try (Fixtures.LogCapture logs = new Fixtures.LogCapture();
        ServiceRuntime runtime =
            Fixtures.service(consul, "orders", "orders-1", 8080)
                .config("servicekit.registry.token", wrong)
                .start()) {
      assertThat(runtime.isReady()).isTrue();
      await().atMost(Duration.ofSeconds(15)).until(() -> readiness(runtime).contains("403"));
      String ready = readiness(runtime);
      assertThat(ready).contains("retrying").contains("403").doesNotContain(wrong);
      assertThat(consul.services()).isEmpty();
      assertThat(logs.text()).contains("403").doesNotContain(wrong);
      for (RecordedRequest r : consul.requests()) {
        assertThat(r.uri()).doesNotContain(wrong);
      }
    }
  }

  @Test
  void readsTheTokenFromConsulHttpTokenFile(@TempDir Path dir) throws Exception {
    consul = Fixtures.consul().aclToken(TOKEN).start();
    Path file = Files.writeString(dir.resolve("consul-token"), TOKEN + "\n");
    Map<String, String> env =
        Map.of(
            "CONSUL_HTTP_ADDR", consul.httpAddress(),
            "CONSUL_HTTP_TOKEN", "an-outdated-token",
            "CONSUL_HTTP_TOKEN_FILE", file.toString());
    try (ServiceRuntime runtime = Fixtures.service(env, "orders", "orders-1", 8080).start()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
    }
    assertThat(consul.services()).isEmpty();
  }

  @Test
  void retriesAfterAgentErrorsUntilItRegisters() {
    consul = Fixtures.consul().start();
    consul.failRequestsMatching("/v1/agent/service/register", 500, "No cluster leader");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ServiceRuntime runtime =
        Fixtures.service(consul, "orders", "orders-1", 8080).meterRegistry(meters).start()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> meters.get("servicekit.registry.registration.failures").counter().count() >= 3);
      assertThat(consul.services()).isEmpty();
      consul.clearFaults();
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      assertThat(meters.get("servicekit.registry.registration.attempts").counter().count())
          .isGreaterThan(meters.get("servicekit.registry.registration.failures").counter().count());
    }
  }

  @Test
  void registersWithoutATokenWhenTheAgentNeedsNone() {
    consul = Fixtures.consul().start();
    try (ServiceRuntime runtime = Fixtures.service(consul, "orders", "orders-1", 8080).start()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> consul.services().containsKey("orders-1"));
      assertThat(consul.requests()).allSatisfy(r -> assertThat(r.tokenSource()).isEmpty());
    }
  }

  @Test
  void aKilledServiceTurnsCriticalAndIsReapedByTheAgent() throws Exception {
    consul = Fixtures.consul().start();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ChildService.class.getName(),
                "billing",
                "billing-child")
            .redirectErrorStream(true);
    pb.environment().put("CONSUL_HTTP_ADDR", consul.httpAddress());
    Process child = pb.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (out.readLine() != null) {
                    // keep the pipe empty
                  }
                } catch (java.io.IOException ignored) {
                  // child gone
                }
              });
      drain.setDaemon(true);
      drain.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> consul.services().containsKey("billing-child"));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> consul.checkStatus("service:billing-child").orElse(""), "passing"::equals);

      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> consul.checkStatus("service:billing-child").orElse("gone"),
              s -> s.equals("critical") || s.equals("gone"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !consul.services().containsKey("billing-child"));
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aRegistrationRetriedWhileTheCheckPassesOpensNoCriticalWindowForWatchers() throws Exception {
    consul = Fixtures.consul().start();
    try (ServiceRuntime runtime = Fixtures.service(consul, "orders", "orders-1", 8080).start();
        ServiceRuntime client = Fixtures.service(consul, "billing", "billing-1", 8081).start()) {
      dev.servicekit.registry.ServiceDiscovery discovery =
          client.component(dev.servicekit.registry.ServiceDiscovery.class);
      await().atMost(Duration.ofSeconds(15)).until(() -> discovery.instances("orders").size() == 1);

      // the client's verification now finds its service "unknown", so it registers again and
      // again while the agent still has the HTTP check, passing: as in Consul, re-registering
      // keeps that status, so no watcher sees the instance leave
      consul.failRequestsMatching(
          "/v1/agent/service/orders-1", 404, "unknown service ID: orders-1");
      long registersBefore = registers();
      long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < until) {
        assertThat(consul.checkStatus("service:orders-1")).contains("passing");
        assertThat(discovery.instances("orders")).hasSize(1);
        Thread.sleep(50);
      }
      assertThat(registers()).isGreaterThan(registersBefore);
      consul.clearFaults();
    }
  }

  private long registers() {
    return consul.requests().stream()
        .filter(r -> r.path().equals("/v1/agent/service/register"))
        .count();
  }
}
