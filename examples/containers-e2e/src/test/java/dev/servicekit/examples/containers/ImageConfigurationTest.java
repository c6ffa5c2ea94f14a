package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each service image declares: user, health check, entrypoint. */
class ImageConfigurationTest {

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theImageRunsJavaAsANonRootUserWithAHealthCheckOnHealthLive(String service)
      throws IOException {
    Images.ensureBuilt();
    Podman.Result r =
        Podman.run(Duration.ofSeconds(60), List.of("image", "inspect", Images.of(service)));
    assertThat(r.exitCode()).as(r.output()).isZero();
    JsonNode image = JsonLines.JSON.readTree(r.output()).path(0);
    JsonNode config = image.path("Config");

    assertThat(config.path("User").asText()).isEqualTo("10001:10001");
    assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"java\"]");
    assertThat(config.path("Cmd").toString()).contains("/app/" + service + ".jar");
    // Kept only in the docker image format (build --format docker): OCI images have no such field.
    JsonNode test = image.path("Healthcheck").path("Test");
    assertThat(test.path(0).asText()).isEqualTo("CMD-SHELL");
    assertThat(test.path(1).asText()).contains("/health/live", "SERVICEKIT_MANAGEMENT_PORT");
    assertThat(config.path("Env").toString())
        .contains("SERVICEKIT_SERVICE_NAME=" + service, "SERVICEKIT_MANAGEMENT_PORT=8081");
  }
}
