package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .github/workflows/&lt;service&gt;.yml: triggered by that service and the modules it is built from
 * (its pom's servicekit dependencies), not by the other services, and running the steps of
 * examples/pipeline.sh.
 */
class WorkflowsTest {

  private static final Pattern DEPENDENCY =
      Pattern.compile(
          "<groupId>dev\\.servicekit</groupId>\\s*<artifactId>([a-z0-9-]+)</artifactId>");
  private static final Map<String, String> MODULE_DIRS =
      Map.of(
          "servicekit-core", "core",
          "servicekit-registry-client", "registry-client",
          "servicekit-correlation", "correlation",
          "servicekit-logging", "logging",
          "servicekit-testing", "testing",
          "servicekit-examples-demo-infra", "examples/demo-infra");

  private static JsonNode workflow(String service) throws IOException {
    Path file =
        Podman.examplesDir().getParent().resolve(".github/workflows").resolve(service + ".yml");
    return new YAMLMapper().readTree(file.toFile());
  }

  private static List<String> paths(JsonNode workflow, String event) {
    List<String> paths = new ArrayList<>();
    workflow.path("on").path(event).path("paths").forEach(p -> paths.add(p.asText()));
    return paths;
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theWorkflowRunsForTheServiceAndEveryModuleItIsBuiltFromOnly(String service)
      throws IOException {
    String pom =
        Files.readString(
            Podman.examplesDir().resolve(service).resolve("pom.xml"), StandardCharsets.UTF_8);
    List<String> expected = new ArrayList<>(List.of("examples/" + service + "/**", "pom.xml"));
    Matcher m = DEPENDENCY.matcher(pom);
    while (m.find()) {
      if (MODULE_DIRS.containsKey(m.group(1))) {
        expected.add(MODULE_DIRS.get(m.group(1)) + "/**");
      }
    }
    JsonNode workflow = workflow(service);
    for (String event : List.of("push", "pull_request")) {
      List<String> paths = paths(workflow, event);
      assertThat(paths).as(event).containsAll(expected);
      for (String other : List.of("orders", "inventory", "shipping")) {
        if (!other.equals(service)) {
          assertThat(paths).as(event).noneMatch(p -> p.startsWith("examples/" + other));
        }
      }
      assertThat(paths).as(event).doesNotContain("examples/**", "**");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theWorkflowRunsEveryStepOfThePipelineScript(String service) throws IOException {
    StringBuilder runs = new StringBuilder();
    workflow(service)
        .path("jobs")
        .forEach(
            job ->
                job.path("steps").forEach(s -> runs.append(s.path("run").asText()).append('\n')));
    for (String step : List.of("build", "image", "smoke", "sbom")) {
      assertThat(runs.toString()).contains("examples/pipeline.sh " + service + " " + step);
    }
  }
}
