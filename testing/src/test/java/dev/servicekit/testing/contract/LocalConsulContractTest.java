package dev.servicekit.testing.contract;

import dev.servicekit.testing.LocalConsul;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The contract against LocalConsul, with and without ACLs, in every build. */
class LocalConsulContractTest {
  private static final Duration REAP_MINIMUM = Duration.ofSeconds(1);
  private static final Duration REAP_INTERVAL = Duration.ofMillis(200);
  private static LocalConsul open;
  private static LocalConsul withAcl;

  @BeforeAll
  static void start() {
    open =
        LocalConsul.builder()
            .minimumDeregisterInterval(REAP_MINIMUM)
            .reapInterval(REAP_INTERVAL)
            .start();
    withAcl =
        LocalConsul.builder()
            .aclToken("contract-secret")
            .minimumDeregisterInterval(REAP_MINIMUM)
            .reapInterval(REAP_INTERVAL)
            .start();
  }

  @AfterAll
  static void stop() {
    open.close();
    withAcl.close();
  }

  @Nested
  class WithoutAcls extends ConsulAgentContract {
    @Override
    protected AgentUnderTest agent() {
      return AgentUnderTest.of(open, "", REAP_MINIMUM, REAP_INTERVAL);
    }
  }

  @Nested
  class WithAcls extends ConsulAgentContract {
    @Override
    protected AgentUnderTest agent() {
      return AgentUnderTest.of(withAcl, "contract-secret", REAP_MINIMUM, REAP_INTERVAL);
    }
  }
}
