package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentStateTest {
  private final AgentState state =
      new AgentState(new NodeInfo("id", "node", "127.0.0.1", "dc1"), 10);

  private static ServiceDefinition service(String id, String name, CheckDefinition... checks) {
    return new ServiceDefinition(
        id, name, List.of(), "", 80, Map.of(), 1, 1, false, List.of(checks));
  }

  private static CheckDefinition ttl(String status) {
    return new CheckDefinition(
        "",
        "",
        "",
        status,
        "",
        "",
        Map.of(),
        "",
        "",
        Duration.ZERO,
        Duration.ZERO,
        Duration.ofSeconds(30),
        Duration.ZERO);
  }

  @Test
  void everyChangeMovesTheIndexAndOnlyTheChangedNamesIndex() {
    long boot = state.index();
    state.register(service("a1", "api"), false);
    long afterApi = state.index();
    assertThat(afterApi).isGreaterThan(boot);
    assertThat(state.healthIndex("api")).isEqualTo(afterApi);
    state.register(service("w1", "web"), false);
    assertThat(state.healthIndex("api")).isEqualTo(afterApi);
    assertThat(state.healthIndex("web")).isGreaterThan(afterApi);
    assertThat(state.servicesIndex()).isEqualTo(state.index());
  }

  @Test
  void identicalReregistrationDoesNotMoveTheIndex() {
    state.register(service("a1", "api", ttl("passing")), false);
    long index = state.index();
    state.register(service("a1", "api", ttl("passing")), false);
    assertThat(state.index()).isEqualTo(index);
  }

  @Test
  void reregistrationKeepsTheStatusAndOutputOfAnExistingCheck() {
    state.register(service("a1", "api", ttl("")), false);
    state.updateTtl("service:a1", AgentState.PASSING, "all good");
    long index = state.index();
    state.register(service("a1", "api", ttl("critical")), false);
    assertThat(state.check("service:a1").status()).isEqualTo(AgentState.PASSING);
    assertThat(state.check("service:a1").output()).isEqualTo("all good");
    assertThat(state.index()).isEqualTo(index);
  }

  @Test
  void reaperCountsFromTheMomentTheCheckTurnedCriticalNotFromRegistration() throws Exception {
    Duration after = Duration.ofMillis(150);
    CheckDefinition reaped =
        new CheckDefinition(
            "",
            "",
            "",
            "",
            "",
            "",
            Map.of(),
            "",
            "",
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(30),
            after);
    state.register(service("a1", "api", reaped), false);
    Thread.sleep(after.toMillis() * 2);
    // registered critical, but no check result has turned it critical yet
    assertThat(state.reap(after)).isEmpty();
    state.updateTtl("service:a1", AgentState.CRITICAL, "down");
    assertThat(state.reap(after)).isEmpty();
    Thread.sleep(after.toMillis() * 2);
    assertThat(state.reap(after)).containsExactly("a1");
  }

  @Test
  void aPassingResultStopsTheCriticalClock() throws Exception {
    Duration after = Duration.ofMillis(150);
    CheckDefinition reaped =
        new CheckDefinition(
            "",
            "",
            "",
            "",
            "",
            "",
            Map.of(),
            "",
            "",
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(30),
            after);
    state.register(service("a1", "api", reaped), false);
    state.updateTtl("service:a1", AgentState.CRITICAL, "down");
    Thread.sleep(after.toMillis() * 2);
    state.updateTtl("service:a1", AgentState.PASSING, "up");
    state.updateTtl("service:a1", AgentState.CRITICAL, "down again");
    assertThat(state.reap(after)).isEmpty();
  }

  @Test
  void outputOnlyUpdatesDoNotMoveTheIndex() {
    state.register(service("a1", "api", ttl("passing")), false);
    long index = state.index();
    state.updateTtl("service:a1", AgentState.PASSING, "new output");
    assertThat(state.index()).isEqualTo(index);
    assertThat(state.check("service:a1").output()).isEqualTo("new output");
  }

  @Test
  void unknownNamesReportTheLastExtinctionIndex() {
    assertThat(state.healthIndex("nothing")).isEqualTo(10);
    state.register(service("a1", "api"), false);
    state.deregister("a1");
    assertThat(state.healthIndex("api")).isEqualTo(state.index());
    assertThat(state.healthIndex("nothing")).isEqualTo(state.index());
  }

  @Test
  void longOutputIsTruncated() {
    state.register(service("a1", "api", ttl("passing")), false);
    state.updateTtl("service:a1", AgentState.PASSING, "x".repeat(10_000));
    assertThat(state.check("service:a1").output())
        .startsWith("x".repeat(AgentState.MAX_OUTPUT) + " ... (captured");
  }

  @Test
  void queryWithOlderIndexDoesNotWait() {
    state.register(service("a1", "api"), false);
    AgentState.QueryResult<String> r =
        state.query(
            1,
            System.nanoTime() + Duration.ofMinutes(5).toNanos(),
            s -> s.healthIndex("api"),
            () -> "x");
    assertThat(r.index()).isEqualTo(state.healthIndex("api"));
    assertThat(r.value()).isEqualTo("x");
  }

  @Test
  void abortedQueryReturnsNull() throws Exception {
    long index = state.healthIndex("api");
    Thread waker =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              state.abortWaiters();
            });
    waker.start();
    AgentState.QueryResult<String> r =
        state.query(
            index,
            System.nanoTime() + Duration.ofMinutes(1).toNanos(),
            s -> s.healthIndex("api"),
            () -> "x");
    waker.join();
    assertThat(r).isNull();
  }

  @Test
  void reregisteringAnIdUnderAnotherNameMovesItBetweenNames() {
    state.register(service("x1", "old"), false);
    state.register(service("x1", "new"), false);
    assertThat(state.instancesOf("old")).isEmpty();
    assertThat(state.instancesOf("new")).hasSize(1);
    assertThat(state.healthIndex("old")).isEqualTo(state.index());
  }

  @Test
  void runResultsPassThroughSuccessAndFailureThresholds() {
    CheckDefinition tcp =
        new CheckDefinition(
            "c",
            "c",
            "",
            "",
            "",
            "",
            Map.of(),
            "",
            "127.0.0.1:1",
            Duration.ofSeconds(10),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            2,
            2,
            3);
    state.register(service("a1", "api", tcp), false);
    CheckEntry c = state.check("c");
    // the first result after registration counts at once, as Consul's status handler starts full
    state.recordRunResult(c, AgentState.PASSING, "ok");
    assertThat(c.status()).isEqualTo(AgentState.PASSING);
    state.recordRunResult(c, AgentState.CRITICAL, "down 1");
    assertThat(c.status()).isEqualTo(AgentState.PASSING);
    assertThat(c.output()).isEqualTo("ok");
    state.recordRunResult(c, AgentState.CRITICAL, "down 2");
    assertThat(c.status()).isEqualTo(AgentState.WARNING);
    state.recordRunResult(c, AgentState.CRITICAL, "down 3");
    assertThat(c.status()).isEqualTo(AgentState.CRITICAL);
    state.recordRunResult(c, AgentState.PASSING, "up 1");
    assertThat(c.status()).isEqualTo(AgentState.CRITICAL);
    state.recordRunResult(c, AgentState.PASSING, "up 2");
    assertThat(c.status()).isEqualTo(AgentState.PASSING);
  }
}
