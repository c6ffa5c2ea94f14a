package dev.servicekit.benchmarks.logging.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.logging.ServicekitLogging;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.annotations.Fork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * servicekit-logging with its defaults (ECS profile, asynchronous writer, policy {@code block}),
 * writing to standard output, which the setup points at the {@link Sink}: one write per batch.
 */
@Fork(
    value = 2,
    jvmArgsAppend = "-Dslf4j.provider=dev.servicekit.logging.internal.ServicekitServiceProvider")
public class ServicekitEndToEnd extends EndToEnd {

  private PrintStream original;

  @Override
  Logger start(Sink out) {
    original = System.out;
    System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
    return LoggerFactory.getLogger(LOGGER);
  }

  @Override
  String expectedFactory() {
    return "dev.servicekit.logging.internal.JsonLoggerFactory";
  }

  @Override
  boolean check(String text) throws IOException {
    List<JsonNode> lines = jsonLines(text);
    if (lines == null) {
      return false;
    }
    for (JsonNode line : lines) {
      field(line, "@timestamp");
      field(line, "ecs.version");
    }
    expectCommon(lines.get(0), "log.level", "INFO", "log.logger", "process.thread.name");
    expectCommon(lines.get(1), "log.level", "ERROR", "log.logger", "process.thread.name");
    expect(lines.get(1), "error.type", "java.lang.IllegalStateException");
    expectStackTrace(field(lines.get(1), "error.stack_trace"));
    return true;
  }

  @Override
  void stop() {
    ServicekitLogging.flush(Duration.ofSeconds(10));
    System.setOut(original);
  }
}
