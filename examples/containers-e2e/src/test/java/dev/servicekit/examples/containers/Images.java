package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The example images, built once per test JVM by {@code examples/containers/build-images.sh}
 * (podman's layer cache makes a second build of an unchanged jar nearly free).
 */
final class Images {

  /** The directories under examples/ that have a Dockerfile. */
  static final List<String> ALL = List.of("demo-infra", "orders", "inventory", "shipping");

  private static boolean built;

  private Images() {}

  /** Builds every image unless this JVM did already; fails with the build's output. */
  static synchronized void ensureBuilt() throws IOException {
    Podman.assumeAvailable();
    if (built) {
      return;
    }
    Podman.Result r =
        Podman.script(
            "containers/build-images.sh",
            ALL,
            Map.of(),
            Duration.ofMinutes(20),
            Podman.outDir("images").resolve("build.log"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    built = true;
  }

  /** The image of one example directory. */
  static String of(String dir) {
    String tag = System.getenv("SERVICEKIT_IMAGE_TAG");
    return "localhost/servicekit-example-"
        + dir
        + ":"
        + (tag == null || tag.isEmpty() ? "dev" : tag);
  }
}
