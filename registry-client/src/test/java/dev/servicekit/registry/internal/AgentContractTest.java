package dev.servicekit.registry.internal;

import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.contract.AgentUnderTest;
import dev.servicekit.testing.contract.ConsulAgentContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The agent the registry client's tests run against ({@link Fixtures#consul()}, with its shortened
 * knobs) passes the Consul agent contract, so those tests rely only on behaviour a real agent has.
 */
class AgentContractTest extends ConsulAgentContract {
  private static LocalConsul consul;

  @BeforeAll
  static void start() {
    consul = Fixtures.consul().start();
  }

  @AfterAll
  static void stop() {
    consul.close();
  }

  @Override
  protected AgentUnderTest agent() {
    return AgentUnderTest.of(consul, "", Duration.ofSeconds(1), Duration.ofMillis(250));
  }
}
