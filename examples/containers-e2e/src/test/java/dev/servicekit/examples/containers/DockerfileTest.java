package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example Dockerfiles, read by {@link Dockerfile}: well formed and following the rules. */
class DockerfileTest {

  private static Path file(String dir) {
    return Podman.examplesDir().resolve(dir).resolve("Dockerfile");
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping", "demo-infra"})
  void everyExampleDockerfileReadsWithoutMistakes(String dir) throws IOException {
    assertThat(Dockerfile.read(file(dir)).errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping", "demo-infra"})
  void theBaseImageIsABuildArgumentDefaultingToThePublicJreImage(String dir) throws IOException {
    List<Dockerfile.Instruction> all = Dockerfile.read(file(dir)).instructions();
    assertThat(all.get(0).keyword()).isEqualTo("ARG");
    assertThat(all.get(0).args()).isEqualTo("BASE_IMAGE=eclipse-temurin:17-jre");
    assertThat(all.get(1).keyword()).isEqualTo("FROM");
    assertThat(all.get(1).args()).isEqualTo("${BASE_IMAGE}");
    assertThat(Files.readString(file(dir).resolveSibling(".dockerignore")))
        .contains("!target/" + dir + ".jar");
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theServiceRunsAsJavaPid1UnderANumericNonRootUserWithAHealthCheck(String service)
      throws IOException {
    Dockerfile d = Dockerfile.read(file(service));
    String user = d.last("USER").orElseThrow().args();
    assertThat(user).matches(Pattern.compile("[1-9][0-9]*(:[0-9]+)?"));
    List<String> entrypoint = Dockerfile.execForm(d.last("ENTRYPOINT").orElseThrow().args());
    assertThat(entrypoint).as("exec form, so java is PID 1").containsExactly("java");
    assertThat(Dockerfile.execForm(d.last("CMD").orElseThrow().args()))
        .containsSubsequence("-jar", "/app/" + service + ".jar");
    assertThat(d.last("HEALTHCHECK").orElseThrow().args()).contains("CMD", "/health/live");
    assertThat(d.env()).containsEntry("SERVICEKIT_SERVICE_NAME", service);
  }

  @Test
  void aDoubledBackslashInEnvIsReportedWithFileAndLine() {
    String broken =
        String.join(
            "\n",
            "FROM eclipse-temurin:17-jre",
            "ENV SERVICEKIT_SERVICE_NAME=orders \\",
            "    SERVICEKIT_EXAMPLES_BROKER_URL=tcp://broker:61616 \\\\",
            "    SERVICEKIT_MANAGEMENT_PORT=8081",
            "ENTRYPOINT [\"java\", \"-jar\" \"/app/orders.jar\"]",
            "");
    assertThat(Dockerfile.parse("orders/Dockerfile", broken).errors())
        .containsExactly(
            "orders/Dockerfile:3: ENV expects key=value pairs, found \"\\\"",
            "orders/Dockerfile:5: ENTRYPOINT looks like the exec form but is not a JSON array of"
                + " strings");
  }

  @Test
  void anUnknownInstructionAndAMissingFromAreReported() {
    assertThat(Dockerfile.parse("x/Dockerfile", "# c\nRUNN echo\n").errors())
        .containsExactly(
            "x/Dockerfile:2: unknown instruction RUNN", "x/Dockerfile:1: no FROM instruction");
  }
}
