package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One example container started by a test: host network, read-only root, removed by close. */
final class Containers implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;

  private Containers(String name) {
    this.name = name;
  }

  /** {@code podman run -d} of {@code image} with {@code env}; fails when podman refuses. */
  static Containers start(String name, String image, Map<String, String> env) throws IOException {
    String unique = "sk-test-" + name + "-" + ProcessHandle.current().pid();
    Podman.run(Duration.ofSeconds(30), List.of("rm", "-f", "-t", "0", unique));
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-d",
                "--name",
                unique,
                "--label",
                "dev.servicekit.run=test",
                "--network",
                "host",
                "--read-only"));
    args.addAll(Podman.ULIMITS);
    env.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
    args.add(image);
    Podman.Result r = Podman.run(Duration.ofSeconds(60), args);
    Containers c = new Containers(unique);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return c;
  }

  /** Waits for the container to exit and returns its exit code. */
  int awaitExit(Duration timeout) throws IOException {
    Podman.Result r = Podman.run(timeout, List.of("wait", name));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return Integer.parseInt(r.output().strip().lines().reduce((a, b) -> b).orElseThrow());
  }

  /** {@code podman stop}: SIGTERM, SIGKILL after 30 s; returns the exit code. */
  int stop() throws IOException {
    Podman.Result r = Podman.run(Duration.ofSeconds(60), List.of("stop", "-t", "30", name));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return exitCode();
  }

  int exitCode() throws IOException {
    Podman.Result r =
        Podman.run(Duration.ofSeconds(30), List.of("inspect", "-f", "{{.State.ExitCode}}", name));
    return Integer.parseInt(r.output().strip());
  }

  boolean running() throws IOException {
    Podman.Result r =
        Podman.run(Duration.ofSeconds(30), List.of("inspect", "-f", "{{.State.Running}}", name));
    return r.output().strip().equals("true");
  }

  /** What the process in the container wrote, stdout and stderr (no podman messages). */
  String logs() throws IOException {
    return Podman.run(Duration.ofSeconds(30), List.of("logs", name)).output();
  }

  @Override
  public void close() throws IOException {
    Podman.run(Duration.ofSeconds(60), List.of("rm", "-f", "-t", "0", name));
  }

  /** The HTTP status of a GET, or -1 when nothing answers. */
  static int status(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A port nothing listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
