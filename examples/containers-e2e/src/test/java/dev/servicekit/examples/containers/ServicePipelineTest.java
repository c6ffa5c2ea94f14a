package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The steps of {@code examples/pipeline.sh} after the build (which this Maven run just did: the
 * service's tests, its jar and its SBOM): image, smoke test of the image, SBOM.
 */
class ServicePipelineTest {

  private static final long DRAIN_MS = 500;
  private static final long MARGIN_MS = 10_000;

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theImageBuildsAndPassesItsSmokeTestAndTheSbomListsTheLibraries(String service)
      throws IOException {
    Images.ensureBuilt();
    Path out = Podman.outDir("pipeline").resolve(service);
    Podman.Result r =
        Podman.script(
            "pipeline.sh",
            List.of(service, "image", "smoke", "sbom"),
            Map.of("SERVICEKIT_PIPELINE_DIR", out.toString()),
            Duration.ofMinutes(5),
            out.resolveSibling(service + ".out"));

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("/health/live 200", "HEALTHCHECK healthy", "with the caller's correlation ID");
    String[] result =
        Files.readString(out.resolve("smoke").resolve("result.tsv"), StandardCharsets.UTF_8)
            .strip()
            .split("\t");
    assertThat(result[1]).as("exit status after SIGTERM").isIn("143", "0");
    assertThat(Long.parseLong(result[2])).as("ms to stop").isLessThan(DRAIN_MS + MARGIN_MS);
    assertThat(JsonLines.read(out.resolve("smoke").resolve(service + ".log")))
        .anyMatch(n -> n.path("message").asText().startsWith("Started " + service));
    JsonLines.read(out.resolve("smoke").resolve(service + ".stderr"));

    JsonNode bom = JsonLines.JSON.readTree(out.resolve(service + "-bom.json").toFile());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.path("metadata").path("component").path("name").asText())
        .isEqualTo("servicekit-example-" + service);
    assertThat(bom.path("components").findValuesAsText("name"))
        .contains("servicekit-core", "servicekit-registry-client", "servicekit-logging");
  }
}
