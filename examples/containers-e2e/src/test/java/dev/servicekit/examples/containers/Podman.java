package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs podman and the example container scripts as they work on these machines: the runc runtime,
 * ulimits under the machine's hard limits, host network. Tests call {@link #assumeAvailable()}
 * first: without podman they skip with a message, or fail when {@value #REQUIRE} is {@code true}
 * (as in CI).
 */
final class Podman {

  /** The environment variable that turns a missing podman into a failure. */
  static final String REQUIRE = "SERVICEKIT_REQUIRE_PODMAN";

  /** The ulimits of every {@code podman run} and {@code podman build}. */
  static final List<String> ULIMITS =
      List.of("--ulimit", "nofile=1024:4096", "--ulimit", "nproc=1024:2048");

  private static String missing;

  private Podman() {}

  /** Skips (or, with {@value #REQUIRE}=true, fails) the calling test when podman cannot run. */
  static synchronized void assumeAvailable() {
    if (missing == null) {
      missing = probe();
    }
    if (missing.isEmpty()) {
      return;
    }
    if (Boolean.parseBoolean(System.getenv(REQUIRE))) {
      fail(REQUIRE + "=true but " + missing);
    }
    Assumptions.abort(
        "skipped: "
            + missing
            + " (Debian: apt-get install -y podman runc debootstrap, run as root; CI sets "
            + REQUIRE
            + "=true and fails instead)");
  }

  private static String probe() {
    try {
      Result r =
          run(Duration.ofSeconds(60), List.of("info", "--format", "{{.Host.OCIRuntime.Name}}"));
      return r.exitCode() == 0 ? "" : "podman info failed: " + r.output().strip();
    } catch (IOException e) {
      return "podman is not installed (" + e.getMessage() + ")";
    }
  }

  /** {@code podman --runtime runc <args>}, stdout and stderr together. */
  static Result run(Duration timeout, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
    command.addAll(args);
    return exec(command, Map.of(), timeout, null);
  }

  /** {@code bash <examples>/<script> <args>} with {@code env} added; output also to {@code log}. */
  static Result script(
      String script, List<String> args, Map<String, String> env, Duration timeout, Path log)
      throws IOException {
    List<String> command =
        new ArrayList<>(List.of("bash", examplesDir().resolve(script).toString()));
    command.addAll(args);
    return exec(command, env, timeout, log);
  }

  /** The examples folder of the checkout. */
  static Path examplesDir() {
    return Path.of(System.getProperty("examples.dir", "..")).toAbsolutePath().normalize();
  }

  /** Where the tests put what the containers wrote. */
  static Path outDir(String name) throws IOException {
    Path dir =
        Path.of(System.getProperty("containers.out", "target/containers"))
            .toAbsolutePath()
            .resolve(name);
    Files.createDirectories(dir);
    return dir;
  }

  private static Result exec(
      List<String> command, Map<String, String> env, Duration timeout, Path log)
      throws IOException {
    Path out = log != null ? log : Files.createTempFile("servicekit-podman", ".out");
    Files.createDirectories(out.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // SIGTERM first: the scripts remove their containers on the way out.
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
        fail(String.join(" ", command) + " did not end within " + timeout + "; output in " + out);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    if (log == null) {
      Files.delete(out);
    }
    return new Result(p.exitValue(), output);
  }

  /** An exit code and what the command printed. */
  record Result(int exitCode, String output) {}
}
