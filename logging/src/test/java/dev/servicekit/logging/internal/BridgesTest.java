package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each other logging API, called in a child JVM, gives exactly one JSON line and nothing else. */
class BridgesTest {

  @Test
  void aJulCallIsOneJsonLineWithJulsLevelMapped() throws Exception {
    Output out = run("jul");
    assertThat(out.stderr).isEmpty();
    JsonNode line = single(out);
    assertThat(line.get("log.level").asText()).isEqualTo("WARN");
    assertThat(line.get("log.logger").asText()).isEqualTo("child.jul");
    assertThat(line.get("message").asText()).isEqualTo("disk sda is 91% full");
  }

  @Test
  void aSystemLoggerCallIsOneJsonLine() throws Exception {
    Output out = run("system-logger");
    assertThat(out.stderr).isEmpty();
    JsonNode line = single(out);
    assertThat(line.get("log.level").asText()).isEqualTo("INFO");
    assertThat(line.get("log.logger").asText()).isEqualTo("child.system");
    assertThat(line.get("message").asText()).isEqualTo("started 4 workers");
  }

  @Test
  void theJdksOwnHttpServerLogsJsonThroughSystemLogger() throws Exception {
    Output out = run("jdk-httpserver", "-Dservicekit.log.level.com.sun.net.httpserver=debug");
    assertThat(out.stderr).isEmpty();
    List<JsonNode> lines = Json.parseLines(out.stdout.getBytes(StandardCharsets.UTF_8));
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("log.logger").asText()).isEqualTo("com.sun.net.httpserver");
              assertThat(l.get("log.level").asText()).isEqualTo("DEBUG");
            });
  }

  @Test
  void aCommonsLoggingCallIsOneJsonLineWithItsException() throws Exception {
    Output out = run("commons-logging");
    assertThat(out.stderr).isEmpty();
    JsonNode line = single(out);
    assertThat(line.get("log.level").asText()).isEqualTo("ERROR");
    assertThat(line.get("log.logger").asText()).isEqualTo("child.jcl");
    assertThat(line.get("message").asText()).isEqualTo("connection reset");
    assertThat(line.get("error.type").asText()).isEqualTo("java.io.IOException");
  }

  @Test
  void anUncaughtExceptionIsOneErrorLineFromTheDyingThread() throws Exception {
    Output out = run("uncaught");
    assertThat(out.stderr).isEmpty();
    JsonNode line = single(out);
    assertThat(line.get("log.level").asText()).isEqualTo("ERROR");
    assertThat(line.get("process.thread.name").asText()).isEqualTo("worker-7");
    assertThat(line.get("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.get("error.message").asText()).isEqualTo("worker failed");
  }

  @Test
  void anApplicationsOwnUncaughtHandlerStaysInCharge() throws Exception {
    Output out = run("uncaught-after-app-handler");
    assertThat(single(out).get("app-handler").asText()).isEqualTo("worker failed");
  }

  @Test
  void eachRouteHasAnOffSwitch() throws Exception {
    Output jul = run("jul", "-Dservicekit.log.jul=false");
    assertThat(jul.stdout).isEmpty();
    assertThat(jul.stderr).contains("WARNING: disk sda is 91% full");
    // System.Logger then goes to java.util.logging, as without servicekit: plain text once JUL is
    // off
    Output system =
        run("system-logger", "-Dservicekit.log.system-logger=false", "-Dservicekit.log.jul=false");
    assertThat(system.stdout).isEmpty();
    assertThat(system.stderr).contains("INFO: started 4 workers");
    Output systemToJul = run("system-logger", "-Dservicekit.log.system-logger=false");
    assertThat(single(systemToJul).get("message").asText()).isEqualTo("started 4 workers");
    Output uncaught = run("uncaught", "-Dservicekit.log.uncaught=false");
    assertThat(uncaught.stdout).isEmpty();
    assertThat(uncaught.stderr).contains("Exception in thread \"worker-7\"");
  }

  @Test
  void commonsLoggingFallsBackToItsOwnFactoryWhenSwitchedOff() throws Exception {
    // commons-logging 1.2's own default writes through java.util.logging, which is routed
    Output out = run("commons-logging", "-Dservicekit.log.commons-logging=false");
    assertThat(out.stderr).isEmpty();
    JsonNode line = single(out);
    assertThat(line.get("log.level").asText()).isEqualTo("ERROR");
    assertThat(line.get("message").asText()).isEqualTo("connection reset");
  }

  private static JsonNode single(Output out) {
    List<JsonNode> lines = Json.parseLines(out.stdout.getBytes(StandardCharsets.UTF_8));
    assertThat(lines).as(out.stdout).hasSize(1);
    return lines.get(0);
  }

  /** The test class path has Logback (for the logstash comparison); a service's would not. */
  static String withoutLogback(String classPath) {
    StringBuilder sb = new StringBuilder();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.contains("logback")) {
        sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
      }
    }
    return sb.toString();
  }

  private record Output(String stdout, String stderr) {}

  private static Output run(String api, String... jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add(withoutLogback(System.getProperty("java.class.path")));
    cmd.add(BridgeChildMain.class.getName());
    cmd.add(api);
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Output(
        new String(out, StandardCharsets.UTF_8),
        new String(err.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8));
  }
}
