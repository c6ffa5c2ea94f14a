package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service container with a bad setting stops at once and says why, in JSON. */
class FailingStartContainerTest {

  @Test
  void aBadPortExitsNonZeroWithTheConfigurationErrorAsAJsonLine() throws IOException {
    Images.ensureBuilt();
    try (Containers c =
        Containers.start(
            "bad-config",
            Images.of("orders"),
            Map.of(
                "SERVICEKIT_SERVICE_PORT",
                "abc",
                "SERVICEKIT_MANAGEMENT_PORT",
                Integer.toString(Containers.freePort())))) {
      int exit = c.awaitExit(Duration.ofSeconds(90));
      String logs = c.logs();

      assertThat(exit).as(logs).isNotZero();
      List<JsonNode> lines = JsonLines.parse("orders container output", logs);
      assertThat(lines)
          .as(logs)
          .anyMatch(
              n ->
                  n.path("log.level").asText().equals("ERROR")
                      && n.toString().contains("servicekit.service.port")
                      && n.toString().contains("abc"));
    }
  }
}
