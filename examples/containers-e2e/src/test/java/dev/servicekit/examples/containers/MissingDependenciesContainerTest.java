package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.examples.infra.DemoBroker;
import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.RegisteredService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * orders started in a container while neither its Consul agent nor its broker is up: it starts,
 * serves liveness, reports not-ready, and once both come up it registers, turns ready and, at
 * SIGTERM, deregisters.
 */
class MissingDependenciesContainerTest {

  @Test
  void aContainerStartedBeforeItsAgentAndBrokerRecoversWhenTheyComeUp() throws Exception {
    Images.ensureBuilt();
    int agentPort = Containers.freePort();
    int brokerPort = Containers.freePort();
    int management = Containers.freePort();
    String ready = "http://127.0.0.1:" + management + "/health/ready";
    Map<String, String> env = new HashMap<>();
    env.put("CONSUL_HTTP_ADDR", "127.0.0.1:" + agentPort);
    env.put("SERVICEKIT_EXAMPLES_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
    env.put("SERVICEKIT_SERVICE_INSTANCE_ID", "orders-late");
    env.put("SERVICEKIT_SERVICE_PORT", Integer.toString(Containers.freePort()));
    env.put("SERVICEKIT_MANAGEMENT_PORT", Integer.toString(management));
    env.put("SERVICEKIT_SERVICE_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_EXAMPLES_HTTP_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_MANAGEMENT_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_SHUTDOWN_DRAIN", "500ms");
    env.put("SERVICEKIT_REGISTRY_CHECK_INTERVAL", "1s");
    env.put("SERVICEKIT_LOG_LEVELS", "org.apache.activemq=warn");

    LocalConsul consul = null;
    DemoBroker broker = null;
    try (Containers c = Containers.start("late-deps", Images.of("orders"), env)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> Containers.status("http://127.0.0.1:" + management + "/health/live") == 200);
      assertThat(Containers.status(ready)).isEqualTo(503);
      assertThat(c.running()).isTrue();

      consul = LocalConsul.builder().port(agentPort).start();
      broker = DemoBroker.start(brokerPort);
      LocalConsul agent = consul;
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(Containers.status(ready)).isEqualTo(200);
                assertThat(agent.services().values())
                    .extracting(RegisteredService::id)
                    .contains("orders-late");
              });

      assertThat(c.stop()).isIn(143, 0);
      assertThat(consul.services()).isEmpty();
      JsonLines.parse("orders container output", c.logs());
    } finally {
      if (broker != null) {
        broker.close();
      }
      if (consul != null) {
        consul.close();
      }
    }
  }
}
