package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class ServicekitServiceProviderTest {

  @Test
  void isTheProviderSlf4jFindsThroughServiceLoader() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(JsonLoggerFactory.class);
    assertThat(MDC.getMDCAdapter()).isInstanceOf(ThreadLocalMdcAdapter.class);
  }

  @Test
  void writesToTheSystemOutThatIsCurrentWhenABatchIsWritten() {
    JsonLoggerFactory factory = (JsonLoggerFactory) LoggerFactory.getILoggerFactory();
    factory.flush(Duration.ofSeconds(10));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LoggerFactory.getLogger("captured").info("to the replaced stream");
      assertThat(factory.flush(Duration.ofSeconds(10))).isTrue();
    } finally {
      System.setOut(original);
    }
    List<JsonNode> lines = Json.parseLines(captured.toByteArray());
    assertThat(lines).extracting(l -> l.get("message").asText()).contains("to the replaced stream");
  }

  @Test
  void aChildJvmThatExitsNormallyWritesEveryEvent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs/out.jsonl");
    int n = 20_000;
    Process p = child(n, "-Dservicekit.log.output=file", "-Dservicekit.log.file=" + file);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    List<JsonNode> lines = Json.parseLines(Files.readAllBytes(file));
    assertThat(lines).hasSize(n);
    assertThat(lines.get(n - 1).get("message").asText()).isEqualTo("event " + (n - 1) + " of " + n);
  }

  @Test
  void aChildJvmWritesJsonLinesOnStdoutByDefault() throws Exception {
    int n = 500;
    Process p = child(n, "-Dservicekit.service.name=child-svc");
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<JsonNode> lines = Json.parseLines(out);
    assertThat(lines).hasSize(n);
    assertThat(lines.get(0).get("service.name").asText()).isEqualTo("child-svc");
  }

  private static Process child(int n, String... jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChildProcessMain.class.getName());
    cmd.add(String.valueOf(n));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
