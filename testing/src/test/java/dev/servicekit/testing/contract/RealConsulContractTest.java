package dev.servicekit.testing.contract;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The contract against a real agent: {@code CONSUL_HTTP_ADDR=127.0.0.1:8500 mvn -pl testing verify
 * -Dservicekit.contract.real=true} (and {@code CONSUL_HTTP_TOKEN} when ACLs are on).
 */
@EnabledIfSystemProperty(named = "servicekit.contract.real", matches = "true")
@EnabledIfEnvironmentVariable(named = "CONSUL_HTTP_ADDR", matches = ".+")
class RealConsulContractTest extends ConsulAgentContract {
  @Override
  protected AgentUnderTest agent() {
    return AgentUnderTest.fromEnvironment()
        .orElseThrow(() -> new IllegalStateException("CONSUL_HTTP_ADDR is not set"));
  }
}
