package dev.servicekit.examples.otel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One example service as its own JVM, started with {@code -javaagent:<agent jar>}. */
final class AgentProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final Path err;

  private AgentProcess(String name, Process process, Path log, Path err) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.err = err;
  }

  static AgentProcess start(
      String service, Path agentJar, Path examplesDir, Path logDir, Map<String, String> env)
      throws IOException {
    Path jar = examplesDir.resolve(service).resolve("target").resolve(service + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the examples first, e.g. mvn -pl examples/otel-e2e -am verify");
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(service + ".log");
    Path err = logDir.resolve(service + ".stderr");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java,
                "-javaagent:" + agentJar,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx200m",
                "-jar",
                jar.toString()));
    pb.environment().putAll(env);
    pb.redirectOutput(log.toFile());
    pb.redirectError(err.toFile());
    return new AgentProcess(service, pb.start(), log, err);
  }

  String name() {
    return name;
  }

  /** The service's stdout: its JSON log lines. */
  Path log() {
    return log;
  }

  /** The service's stderr: the agent's own messages. */
  Path err() {
    return err;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits for the graceful stop (the agent flushes its spans on the way out). */
  boolean stopGracefully(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
