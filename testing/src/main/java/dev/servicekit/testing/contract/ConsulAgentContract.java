package dev.servicekit.testing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry scenarios servicekit relies on, written once against Consul's HTTP API so that the
 * same tests run against {@link dev.servicekit.testing.LocalConsul} in every build and against a
 * real Consul agent whenever one is at hand.
 *
 * <p>Subclass it in a test and say which agent to use:
 *
 * <pre>{@code
 * class LocalConsulContractTest extends ConsulAgentContract {
 *   static final LocalConsul CONSUL = LocalConsul.builder()
 *       .minimumDeregisterInterval(Duration.ofSeconds(1)).reapInterval(Duration.ofMillis(200))
 *       .start();
 *   protected AgentUnderTest agent() {
 *     return AgentUnderTest.of(CONSUL, "", Duration.ofSeconds(1), Duration.ofMillis(200));
 *   }
 * }
 * }</pre>
 *
 * <p>Every scenario registers services under fresh, random names and deregisters them afterwards,
 * so it can run against a shared agent. Scenarios that need to restart the agent are skipped (with
 * a message) when it cannot be restarted; the reaping scenario is skipped when the agent's reaper
 * is slower than {@link #longestReapWait()}. HTTP checks call a JDK HTTP server the test starts on
 * {@link #checkHost()}, which the agent must be able to reach. Needs JUnit Jupiter on the test
 * class path (servicekit-testing does not bring it).
 */
public abstract class ConsulAgentContract {
  private AgentHttp http;
  private AgentUnderTest agent;
  private final List<String> registered = new ArrayList<>();
  private final String prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8);

  /** For subclasses; each instance registers its services under its own random name prefix. */
  protected ConsulAgentContract() {}

  /**
   * The agent to run against; called before every scenario.
   *
   * @return the agent
   */
  protected abstract AgentUnderTest agent();

  /**
   * The address the agent reaches this test's HTTP server at.
   *
   * @return {@code 127.0.0.1} unless overridden
   */
  protected String checkHost() {
    return "127.0.0.1";
  }

  /**
   * The longest the reaping scenario may wait for the agent's reaper.
   *
   * @return 20 seconds unless overridden (Consul's defaults need about 2 minutes)
   */
  protected Duration longestReapWait() {
    return Duration.ofSeconds(20);
  }

  @BeforeEach
  final void connect() {
    agent = agent();
    http = new AgentHttp(agent.uri(), agent.token());
  }

  @AfterEach
  final void cleanUp() {
    if (agent == null) {
      return;
    }
    for (String id : registered) {
      try {
        http.put("/v1/agent/service/deregister/" + id, "");
      } catch (UncheckedIOException e) {
        // the agent is gone; nothing to clean
      }
    }
    registered.clear();
  }

  private String name(String suffix) {
    return prefix + "-" + suffix;
  }

  private void register(String json, String id) {
    registered.add(id);
    AgentHttp.Answer a = http.put("/v1/agent/service/register", json);
    assertEquals(200, a.status(), "register " + id + ": " + a.body());
  }

  private static String ttlService(String id, String name, String ttl, String extra) {
    return "{\"ID\":\""
        + id
        + "\",\"Name\":\""
        + name
        + "\",\"Port\":8080,\"Tags\":[\"contract\"],\"Check\":{\"CheckID\":\""
        + id
        + "-ttl\",\"TTL\":\""
        + ttl
        + "\""
        + extra
        + "}}";
  }

  private List<Map<String, Object>> health(String name, String query) {
    AgentHttp.Answer a = http.get("/v1/health/service/" + name + query);
    assertEquals(200, a.status(), a.body());
    return a.list();
  }

  @SuppressWarnings("unchecked")
  private static String status(Map<String, Object> entry, String checkId) {
    for (Object c : (List<Object>) entry.get("Checks")) {
      Map<String, Object> check = (Map<String, Object>) c;
      if (checkId.equals(check.get("CheckID"))) {
        return (String) check.get("Status");
      }
    }
    return null;
  }

  private static void await(Duration limit, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + limit + ": " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for: " + what);
      }
    }
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void aTtlCheckStartsCriticalAndPassesOnUpdate() {
    String name = name("ttl");
    register(ttlService(name + "-1", name, "30s", ""), name + "-1");
    List<Map<String, Object>> all = health(name, "");
    assertEquals(1, all.size());
    assertEquals("critical", status(all.get(0), name + "-1-ttl"));
    assertTrue(health(name, "?passing").isEmpty(), "a critical instance is not passing");

    assertEquals(200, http.put("/v1/agent/check/pass/" + name + "-1-ttl?note=ok", "").status());
    assertEquals(1, health(name, "?passing").size());
  }

  @Test
  void anHttpCheckRunsAgainstTheServiceAndPasses() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String name = name("http");
      String url = "http://" + checkHost() + ":" + server.getAddress().getPort() + "/health";
      register(
          "{\"ID\":\""
              + name
              + "-1\",\"Name\":\""
              + name
              + "\",\"Port\":8080,\"Check\":{\"HTTP\":\""
              + url
              + "\",\"Interval\":\"1s\",\"Timeout\":\"1s\"}}",
          name + "-1");
      await(
          Duration.ofSeconds(15),
          () -> health(name, "?passing").size() == 1,
          "the HTTP check of " + name + " passes");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void reRegisteringKeepsTheStatusOfExistingChecks() {
    String name = name("rereg");
    String body = ttlService(name + "-1", name, "30s", "");
    register(body, name + "-1");
    assertEquals(200, http.put("/v1/agent/check/pass/" + name + "-1-ttl", "").status());
    AgentHttp.Answer before = http.get("/v1/health/service/" + name + "?passing");
    assertEquals(1, before.list().size());

    register(body, name + "-1");

    // a watcher holding the last index must not see the instance vanish
    AgentHttp.Answer after =
        http.get("/v1/health/service/" + name + "?passing&index=" + before.index() + "&wait=1s");
    assertEquals(200, after.status());
    assertEquals(1, after.list().size(), "still passing after re-registration");
    assertEquals("passing", status(after.list().get(0), name + "-1-ttl"));
  }

  @Test
  void deregisteringRemovesTheInstanceAndAnUnknownIdIs404() {
    String name = name("dereg");
    register(ttlService(name + "-1", name, "30s", ""), name + "-1");
    assertEquals(200, http.put("/v1/agent/service/deregister/" + name + "-1", "").status());
    assertTrue(health(name, "").isEmpty());
    assertFalse(http.get("/v1/agent/services").object().containsKey(name + "-1"));
    AgentHttp.Answer unknown = http.put("/v1/agent/service/deregister/" + name + "-1", "");
    assertEquals(404, unknown.status());
  }

  @Test
  void aWipedRestartLosesTheRegistration() {
    assumeTrue(agent.canRestart(), "the test cannot restart this agent");
    String name = name("wiped");
    register(ttlService(name + "-1", name, "30s", ""), name + "-1");
    agent.restartWiped();
    await(
        Duration.ofSeconds(10),
        () -> {
          try {
            return http.get("/v1/agent/services").status() == 200;
          } catch (UncheckedIOException e) {
            return false;
          }
        },
        "the agent answers again");
    assertFalse(http.get("/v1/agent/services").object().containsKey(name + "-1"));
    assertTrue(health(name, "").isEmpty());
  }

  @Test
  void aBlockingQueryWaitsAtTheSameIndexAndReturnsEarlyOnAChange() {
    String name = name("block");
    register(ttlService(name + "-1", name, "30s", ""), name + "-1");
    AgentHttp.Answer first = http.get("/v1/health/service/" + name);
    long index = first.index();
    assertTrue(index > 0, "X-Consul-Index is set");
    assertEquals("true", first.header("X-Consul-KnownLeader"));

    long start = System.nanoTime();
    AgentHttp.Answer idle = http.get("/v1/health/service/" + name + "?index=" + index + "&wait=1s");
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(index, idle.index(), "no change: same index");
    assertTrue(waitedMillis >= 900, "waited about the wait time, not " + waitedMillis + " ms");

    Thread changer =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              http.put("/v1/agent/check/pass/" + name + "-1-ttl", "");
            });
    changer.start();
    start = System.nanoTime();
    AgentHttp.Answer changed =
        http.get("/v1/health/service/" + name + "?index=" + index + "&wait=30s");
    waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(changed.index() > index, "a change moves the index");
    assertTrue(waitedMillis < 10_000, "returned on the change, after " + waitedMillis + " ms");
    assertEquals("passing", status(changed.list().get(0), name + "-1-ttl"));
  }

  @Test
  void theAclTokenTravelsInAHeaderAndWritesWithoutItAreRefused() {
    assumeTrue(!agent.token().isEmpty(), "the agent runs without ACLs");
    String name = name("acl");
    AgentHttp.Answer anonymous =
        http.putWithoutToken(
            "/v1/agent/service/register", ttlService(name + "-1", name, "30s", ""));
    assertEquals(403, anonymous.status(), anonymous.body());
    register(ttlService(name + "-1", name, "30s", ""), name + "-1");
    assertTrue(http.get("/v1/agent/services").object().containsKey(name + "-1"));
    assertFalse(
        http.getWithoutToken("/v1/agent/services").object().containsKey(name + "-1"),
        "anonymous reads are filtered");
  }

  @Test
  void aCriticalServiceIsReapedCountingFromWhenItTurnedCritical() {
    Duration after = agent.reapMinimum();
    Duration ttl = after.multipliedBy(2);
    assumeTrue(
        ttl.plus(after).plus(agent.reapInterval()).compareTo(longestReapWait()) < 0,
        "the agent's reaper (minimum "
            + after
            + ", every "
            + agent.reapInterval()
            + ") is too slow");
    String name = name("reap");
    String id = name + "-1";
    long start = System.nanoTime();
    register(
        ttlService(
            id,
            name,
            ttl.toMillis() + "ms",
            ",\"Status\":\"passing\",\"DeregisterCriticalServiceAfter\":\""
                + after.toMillis()
                + "ms\""),
        id);
    // the TTL expires at `ttl`; reaping must not start counting at registration
    long sleepUntil = start + ttl.toNanos() + after.toNanos() / 2;
    try {
      Thread.sleep(Math.max(0, (sleepUntil - System.nanoTime()) / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
    assertTrue(
        http.get("/v1/agent/services").object().containsKey(id),
        "still registered: critical for less than DeregisterCriticalServiceAfter");
    await(
        longestReapWait(),
        () -> !http.get("/v1/agent/services").object().containsKey(id),
        id + " is reaped");
  }

  @Test
  void filtersSelectServicesChecksAndHealthEntries() {
    String name = name("filter");
    register(ttlService(name + "-1", name, "30s", ",\"Status\":\"passing\""), name + "-1");
    register(ttlService(name + "-2", name, "30s", ""), name + "-2");
    Map<String, Object> services =
        http.get("/v1/agent/services?filter=" + q("ID == \"" + name + "-2\"")).object();
    assertEquals(List.of(name + "-2"), new ArrayList<>(services.keySet()));
    Map<String, Object> checks =
        http.get(
                "/v1/agent/checks?filter="
                    + q("ServiceName == \"" + name + "\" and Status == passing"))
            .object();
    assertEquals(List.of(name + "-1-ttl"), new ArrayList<>(checks.keySet()));
    List<Map<String, Object>> critical = health(name, "?filter=" + q("Checks.Status == critical"));
    assertEquals(1, critical.size());
    AgentHttp.Answer bad = http.get("/v1/agent/services?filter=" + q("NoSuchField == 1"));
    assertEquals(400, bad.status());
    assertTrue(bad.body().startsWith("Failed to create evaluator for expression"), bad.body());
  }
}
