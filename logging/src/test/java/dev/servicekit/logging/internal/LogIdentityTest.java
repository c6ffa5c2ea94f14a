package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceIdentity;
import dev.servicekit.config.Values;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogIdentityTest {

  @Test
  void aRuntimesBuilderIdentityReachesEveryLineLoggedBetweenStartAndClose(@TempDir Path dir)
      throws Exception {
    Path err = dir.resolve("stderr.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RuntimeIdentityMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("SERVICEKIT_") || k.startsWith("OTEL_"));
    env.remove("SERVICE_NAME");
    env.put("SERVICE_NAME", "from-env");
    env.put(
        "OTEL_RESOURCE_ATTRIBUTES",
        "service.version=0.9%2Bbuild+7,deployment.environment.name=pre%20prod");
    env.put("SERVICEKIT_LOG_SHUTDOWN_TIMEOUT", "1.5.s");
    Process p = builder.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stderr).isZero();

    List<JsonNode> lines = Json.parseLines(out);
    assertThat(lines).extracting(l -> l.get("message").asText()).contains("before start");
    int started = indexOf(lines, "Started orders");
    int stopped = indexOf(lines, "Stopped orders");
    assertThat(started).isPositive();
    assertThat(stopped).isGreaterThan(started);

    for (JsonNode line : lines.subList(0, indexOf(lines, "before start") + 1)) {
      assertIdentity(line, "from-env", "0.9+build+7", "pre prod");
    }
    for (JsonNode line : lines.subList(started, stopped + 1)) {
      assertIdentity(line, "orders", "1.2.3", "staging");
    }
    JsonNode afterClose = lines.get(indexOf(lines, "after close"));
    assertIdentity(afterClose, "from-env", "0.9+build+7", "pre prod");

    JsonNode afterStart = lines.get(indexOf(lines, "after start"));
    assertThat(afterStart.get("logging_instance_id").asText())
        .isEqualTo(afterStart.get("runtime_instance_id").asText())
        .startsWith("orders-");
    assertThat(afterStart.get("service.node.name").asText())
        .isEqualTo(afterStart.get("runtime_instance_id").asText());
    assertThat(afterStart.get("event.dataset").asText()).isEqualTo("orders.log");
    assertThat(afterClose.get("event.dataset").asText())
        .isEqualTo("from_env.log"); // "-" becomes "_", as ecs-logging says
    assertThat(lines).extracting(l -> l.get("message").asText()).contains("debug after start");
    assertThat(lines)
        .extracting(l -> l.get("message").asText())
        .doesNotContain("debug before start is below the level");
    assertThat(lines.get(indexOf(lines, "from another thread")).get("service.name").asText())
        .isEqualTo("orders");

    String expected =
        "servicekit-logging: "
            + ConfigException.message(
                "servicekit.log.shutdown-timeout",
                "1.5.s",
                "environment variable SERVICEKIT_LOG_SHUTDOWN_TIMEOUT",
                Values.DURATION)
            + "; using the default PT10S";
    assertThat(stderr.lines().filter(l -> l.equals(expected))).hasSize(1);
    assertThat(stderr.lines().filter(l -> l.contains("shutdown-timeout"))).hasSize(1);
  }

  @Test
  void aPublishedIdentityReplacesTheConfiguredOneUntilItIsWithdrawn() {
    LogConfig config =
        LogConfig.of(
            Map.of("servicekit.service.name", "configured", "servicekit.log.dataset", "ds"),
            Map.of());
    LogIdentity before = config.identity();
    assertThat(before.serviceName()).isEqualTo("configured");
    assertThat(before.dataset()).isEqualTo("ds");
    assertThat(config.identity()).isSameAs(before);
    try (ProcessConfig.Layer layer =
        ProcessConfig.publish(ServiceIdentity.of("orders", "2", "prod", "orders-a1"), Map.of())) {
      LogIdentity published = config.identity();
      assertThat(published.serviceName()).isEqualTo("orders");
      assertThat(published.serviceVersion()).isEqualTo("2");
      assertThat(published.environment()).isEqualTo("prod");
      assertThat(published.instanceId()).isEqualTo("orders-a1");
      assertThat(published.dataset()).isEqualTo("orders.log");
      assertThat(config.identity()).isSameAs(published);
    }
    assertThat(config.identity().serviceName()).isEqualTo("configured");
  }

  private static void assertIdentity(
      JsonNode line, String name, String version, String environment) {
    assertThat(line.path("service.name").asText()).as(line.toString()).isEqualTo(name);
    assertThat(line.path("service.version").asText()).as(line.toString()).isEqualTo(version);
    assertThat(line.path("service.environment").asText())
        .as(line.toString())
        .isEqualTo(environment);
  }

  private static int indexOf(List<JsonNode> lines, String messagePrefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).get("message").asText().startsWith(messagePrefix)) {
        return i;
      }
    }
    return -1;
  }
}
