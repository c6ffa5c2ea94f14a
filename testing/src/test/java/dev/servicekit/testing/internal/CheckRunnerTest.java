package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.RegisteredCheck;
import dev.servicekit.testing.TestHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private LocalConsul consul;
  private TestHttp http;
  private HttpServer target;
  private final AtomicInteger code = new AtomicInteger(200);
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicReference<String> seenMethod = new AtomicReference<>();
  private final AtomicReference<String> seenHeader = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    consul =
        LocalConsul.builder()
            .minimumDeregisterInterval(Duration.ofSeconds(1))
            .minimumCheckInterval(Duration.ofMillis(100))
            .reapInterval(Duration.ofMillis(200))
            .start();
    http = new TestHttp(consul.uri());
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/health",
        exchange -> {
          hits.incrementAndGet();
          seenMethod.set(exchange.getRequestMethod());
          seenHeader.set(exchange.getRequestHeaders().getFirst("X-Probe"));
          byte[] body = ("status " + code.get()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(code.get(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.createContext(
        "/slow",
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    target.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    target.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    consul.close();
    target.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + target.getAddress().getPort() + path;
  }

  private void registerHttpCheck(String extra) {
    assertThat(
            http.register(
                    "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"HTTP\":\""
                        + url("/health")
                        + "\",\"Interval\":\"300ms\""
                        + extra
                        + "}}")
                .status())
        .isEqualTo(200);
  }

  private RegisteredCheck check() {
    return consul.checks().get("service:web-1");
  }

  @Test
  void httpCheckPassesOn2xxWithConsulsOutput() {
    registerHttpCheck("");
    await().atMost(WAIT).until(() -> check().status().equals("passing"));
    assertThat(check().output())
        .isEqualTo("HTTP GET " + url("/health") + ": 200 OK Output: status 200");
  }

  @Test
  void httpCheckWarnsOn429AndFailsOn500() {
    code.set(429);
    registerHttpCheck("");
    await().atMost(WAIT).until(() -> check().status().equals("warning"));
    code.set(500);
    await().atMost(WAIT).until(() -> check().status().equals("critical"));
    assertThat(check().output()).contains(": 500 Internal Server Error Output: status 500");
    code.set(204);
    await().atMost(WAIT).until(() -> check().status().equals("passing"));
  }

  @Test
  void httpCheckUsesMethodAndHeader() {
    registerHttpCheck(",\"Method\":\"POST\",\"Header\":{\"X-Probe\":[\"yes\"]}");
    await().atMost(WAIT).until(() -> check().status().equals("passing"));
    assertThat(seenMethod.get()).isEqualTo("POST");
    assertThat(seenHeader.get()).isEqualTo("yes");
  }

  @Test
  void httpCheckGoesCriticalWhenNoAnswerWithinTimeout() {
    http.register(
        "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"HTTP\":\""
            + url("/slow")
            + "\",\"Interval\":\"300ms\",\"Timeout\":\"200ms\",\"Status\":\"passing\"}}");
    await().atMost(WAIT).until(() -> check().status().equals("critical"));
    assertThat(check().output()).contains("Client.Timeout exceeded");
  }

  @Test
  void httpCheckGoesCriticalWhenConnectionIsRefused() {
    target.stop(0);
    registerHttpCheck(",\"Status\":\"passing\"");
    await().atMost(WAIT).until(() -> check().status().equals("critical"));
    assertThat(check().output()).contains("connect: connection refused");
  }

  @Test
  void tcpCheckPassesWhenPortAccepts() {
    http.register(
        "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"TCP\":\"127.0.0.1:"
            + target.getAddress().getPort()
            + "\",\"Interval\":\"300ms\"}}");
    await().atMost(WAIT).until(() -> check().status().equals("passing"));
    assertThat(check().output()).endsWith(": Success");
  }

  @Test
  void ttlCheckExpiresToCriticalKeepingLastOutput() {
    http.register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"TTL\":\"1s\"}}");
    http.put("/v1/agent/check/pass/service:web-1?note=alive", null);
    assertThat(check().status()).isEqualTo("passing");
    await().atMost(WAIT).until(() -> check().status().equals("critical"));
    assertThat(check().output())
        .isEqualTo("TTL expired (last output before timeout follows): alive");
  }

  @Test
  void ttlUpdateStartsTheTtlAgain() throws InterruptedException {
    http.register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"TTL\":\"2s\"}}");
    for (int i = 0; i < 5; i++) {
      http.put("/v1/agent/check/pass/service:web-1", null);
      Thread.sleep(500);
      assertThat(check().status()).isEqualTo("passing");
    }
  }

  @Test
  void reaperDeregistersServiceCriticalLongerThanDeregisterAfter() {
    http.register(
        "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"TTL\":\"1s\","
            + "\"DeregisterCriticalServiceAfter\":\"1s\"}}");
    assertThat(consul.services()).containsKey("web-1");
    await().atMost(WAIT).until(() -> consul.services().isEmpty());
    assertThat(consul.checks()).isEmpty();
  }

  @Test
  void reaperLeavesPassingServicesAlone() throws InterruptedException {
    http.register(
        "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"TTL\":\"30s\",\"Status\":\"passing\","
            + "\"DeregisterCriticalServiceAfter\":\"1s\"}}");
    Thread.sleep(2500);
    assertThat(consul.services()).containsKey("web-1");
  }

  @Test
  void reaperHonoursTheMinimumOverAShorterDeregisterAfter() throws InterruptedException {
    try (LocalConsul strict =
        LocalConsul.builder()
            .minimumDeregisterInterval(Duration.ofSeconds(30))
            .reapInterval(Duration.ofMillis(200))
            .start()) {
      new TestHttp(strict.uri())
          .register(
              "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"TTL\":\"30s\","
                  + "\"DeregisterCriticalServiceAfter\":\"1ms\"}}");
      Thread.sleep(2000);
      assertThat(strict.services()).containsKey("web-1");
    }
  }

  @Test
  void intervalsBelowTheMinimumAreRaisedToIt() throws InterruptedException {
    try (LocalConsul slow = LocalConsul.start()) {
      new TestHttp(slow.uri())
          .register(
              "{\"ID\":\"web-1\",\"Name\":\"web\",\"Check\":{\"HTTP\":\""
                  + url("/health")
                  + "\",\"Interval\":\"10ms\"}}");
      Thread.sleep(700);
      // with Consul's 1s minimum the check has run at most once so far
      assertThat(hits.get()).isLessThanOrEqualTo(1);
    }
  }
}
