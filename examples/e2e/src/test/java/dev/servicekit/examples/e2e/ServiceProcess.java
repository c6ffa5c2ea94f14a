package dev.servicekit.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One example service running as its own JVM from its runnable jar, stdout in a log file. */
final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java -jar <examples>/<service>/target/<service>.jar} with {@code env} added to
   * this JVM's environment.
   */
  static ServiceProcess start(
      String name, String service, Path examplesDir, Path logDir, Map<String, String> env)
      throws IOException {
    Path jar = examplesDir.resolve(service).resolve("target").resolve(service + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the examples first, e.g." + " mvn -pl examples/e2e -am verify");
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    Path err = logDir.resolve(name + ".stderr");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx160m",
                "-jar",
                jar.toString()));
    pb.environment().putAll(env);
    pb.redirectOutput(log.toFile());
    pb.redirectError(err.toFile());
    return new ServiceProcess(name, pb.start(), log);
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits for the graceful stop; true when it ended within the timeout. */
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
