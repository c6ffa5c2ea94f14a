package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.registry.LoadBalancer;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.internal.ScriptedAgent.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceWatchTest {

  static final String ONE =
      "[{\"Node\":{\"Address\":\"10.0.0.1\"},\"Service\":{\"ID\":\"inv-1\",\"Service\":\"inventory\","
          + "\"Address\":\"10.0.0.9\",\"Port\":9000},\"Checks\":[{\"Status\":\"passing\"}]}]";
  static final String TWO =
      "[{\"Node\":{\"Address\":\"10.0.0.1\"},\"Service\":{\"ID\":\"inv-1\",\"Service\":\"inventory\","
          + "\"Address\":\"10.0.0.9\",\"Port\":9000},\"Checks\":[{\"Status\":\"passing\"}]},"
          + "{\"Node\":{\"Address\":\"10.0.0.2\"},\"Service\":{\"ID\":\"inv-2\",\"Service\":\"inventory\","
          + "\"Address\":\"\",\"Port\":9001},\"Checks\":[{\"Status\":\"passing\"}]}]";

  private ServiceWatch watch;
  private ConsulApiAgent agent;
  private ScriptedAgent server;

  @AfterEach
  void tearDown() {
    if (watch != null) {
      watch.close();
    }
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private ServiceWatch start(String... extra) throws Exception {
    String[] all = new String[extra.length + 4];
    all[0] = "servicekit.registry.backoff.initial";
    all[1] = "50ms";
    all[2] = "servicekit.registry.backoff.max";
    all[3] = "200ms";
    System.arraycopy(extra, 0, all, 4, extra.length);
    ConsulSettings settings = ConsulApiAgentTest.settings(server.address(), all);
    agent = new ConsulApiAgent(settings);
    watch =
        new ServiceWatch(
            "inventory",
            agent,
            settings,
            LoadBalancer.roundRobin(),
            new RegistryMetrics(new SimpleMeterRegistry()));
    watch.start();
    return watch;
  }

  private static Reply answer(String body, long index) {
    return new Reply(200, body, Map.of("X-Consul-Index", Long.toString(index)));
  }

  private static String indexParam(ScriptedAgent.Seen s) {
    Matcher m = Pattern.compile("(?:^|&)index=(\\d+)").matcher(String.valueOf(s.query()));
    return m.find() ? m.group(1) : "none";
  }

  @Test
  void resetsAnIndexThatGoesBackwardsAndNeverSendsOneBelowOne() throws Exception {
    long[] indexes = {100, 5, 0, 7};
    AtomicInteger n = new AtomicInteger();
    server =
        new ScriptedAgent(
            s -> {
              int i = n.getAndIncrement();
              if (i >= indexes.length) {
                sleep(300);
                return answer(ONE, 7);
              }
              return answer(ONE, indexes[i]);
            });
    start("servicekit.registry.watch.min-interval", "10ms");

    await().atMost(Duration.ofSeconds(10)).until(() -> server.seen.size() >= 5);
    assertThat(server.seen.subList(0, 5))
        .extracting(ServiceWatchTest::indexParam)
        .containsExactly("none", "100", "none", "1", "7");
  }

  @Test
  void sendsTheWaitAndSurvivesAnAgentHoldingTheQueryForWaitPlusJitter() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server =
        new ScriptedAgent(
            s -> {
              if (n.getAndIncrement() > 0) {
                sleep(1000 + 1000 / 16); // Consul may add up to wait/16
              }
              return answer(ONE, 10 + n.get());
            });
    start("servicekit.registry.watch.wait", "1s", "servicekit.registry.request-timeout", "200ms");

    await().atMost(Duration.ofSeconds(15)).until(() -> server.seen.size() >= 3);
    assertThat(server.seen.get(1).query()).contains("wait=1000ms");
    assertThat(watch.status().stale()).isFalse();
    assertThat(watch.status().lastError()).isEmpty();
  }

  @Test
  void rateLimitsAnAgentThatAnswersImmediately() throws Exception {
    server = new ScriptedAgent(s -> answer(ONE, 3));
    start("servicekit.registry.watch.min-interval", "200ms");
    watch.awaitFirstAttempt(Duration.ofSeconds(5));
    int before = server.seen.size();
    Thread.sleep(1000);
    // At most one query per 200 ms (plus one in flight), whatever the machine's speed.
    assertThat(server.seen.size() - before).isLessThanOrEqualTo(7);
  }

  @Test
  void servesTheLastKnownSetWhileTheAgentFailsAndSaysItIsStale() throws Exception {
    server = new ScriptedAgent(s -> answer(TWO, 4));
    start("servicekit.registry.watch.min-interval", "20ms");
    watch.awaitFirstAttempt(Duration.ofSeconds(5));
    assertThat(watch.snapshot().instances).hasSize(2);
    assertThat(watch.status().stale()).isFalse();

    server.script(s -> Reply.of(500, "rpc error: No cluster leader"));
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.status().stale());
    assertThat(watch.snapshot().instances)
        .extracting(ServiceInstance::id)
        .containsExactly("inv-1", "inv-2");
    assertThat(watch.status().lastError()).get().asString().contains("500");
    assertThat(watch.status().lastSuccess()).isPresent();

    server.script(s -> answer(ONE, 9));
    await().atMost(Duration.ofSeconds(10)).until(() -> !watch.status().stale());
    assertThat(watch.snapshot().instances).extracting(ServiceInstance::id).containsExactly("inv-1");
  }

  @Test
  void holdsTheLastKnownSetWhileAReturningAgentHasNoInstanceYet() throws Exception {
    server = new ScriptedAgent(s -> answer(TWO, 40));
    start(
        "servicekit.registry.watch.min-interval", "20ms",
        "servicekit.registry.watch.recovery-hold", "3s");
    watch.awaitFirstAttempt(Duration.ofSeconds(5));
    assertThat(watch.snapshot().instances).hasSize(2);

    // The agent goes away and comes back wiped: an empty answer at a fresh, lower index.
    server.script(s -> Reply.of(500, "agent restarting"));
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.status().stale());
    server.script(s -> answer("[]", 3));
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.status().lastError().isEmpty());
    assertThat(watch.snapshot().instances)
        .extracting(ServiceInstance::id)
        .containsExactly("inv-1", "inv-2");
    assertThat(watch.status().stale()).isTrue();

    // One instance has re-registered and passes: the fresh answer replaces the held set at once.
    server.script(s -> answer(ONE, 5));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> watch.snapshot().instances.size() == 1 && !watch.status().stale());
    assertThat(watch.snapshot().instances).extracting(ServiceInstance::id).containsExactly("inv-1");
  }

  @Test
  void publishesTheEmptySetOnceTheRecoveryHoldRunsOut() throws Exception {
    server = new ScriptedAgent(s -> answer(ONE, 40));
    start(
        "servicekit.registry.watch.min-interval", "20ms",
        "servicekit.registry.watch.recovery-hold", "1s");
    watch.awaitFirstAttempt(Duration.ofSeconds(5));
    server.script(s -> answer("[]", 2)); // index went backwards: the agent lost its state
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.status().stale());
    assertThat(watch.snapshot().instances).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> watch.snapshot().instances.isEmpty() && !watch.status().stale());
  }

  @Test
  void anEmptyAnswerFromAHealthyAgentIsPublishedAtOnce() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server = new ScriptedAgent(s -> answer(n.getAndIncrement() == 0 ? ONE : "[]", 10 + n.get()));
    start(
        "servicekit.registry.watch.min-interval", "20ms",
        "servicekit.registry.watch.recovery-hold", "30s");
    await().atMost(Duration.ofSeconds(5)).until(() -> watch.snapshot().instances.isEmpty());
    assertThat(watch.status().stale()).isFalse();
  }

  @Test
  void tellsListenersAboutChangesOnly() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server =
        new ScriptedAgent(
            s -> {
              int i = n.getAndIncrement();
              return answer(i < 3 ? ONE : TWO, 10 + i);
            });
    List<List<ServiceInstance>> heard = new CopyOnWriteArrayList<>();
    start("servicekit.registry.watch.min-interval", "20ms");
    watch.addListener((name, instances) -> heard.add(instances));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.seen.size() >= 6);
    assertThat(heard).extracting(List::size).containsExactly(1, 2);
  }

  @Test
  void fallsBackToTheNodeAddressForTheServiceAddress() throws Exception {
    server = new ScriptedAgent(s -> answer(TWO, 4));
    start();
    watch.awaitFirstAttempt(Duration.ofSeconds(5));
    assertThat(watch.snapshot().instances.get(1).uri().toString())
        .isEqualTo("http://10.0.0.2:9001");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
