package dev.servicekit.vthreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK with virtual threads (feature release 21 or later) for the child JVM, in this order:
 * the Java home in {@value #HOME_VARIABLE}; the JDK running the tests; the newest under {@code
 * /usr/lib/jvm}.
 */
final class VirtualThreadJdk {

  /** Environment variable naming the Java home to use; {@code .ci/services/jdk25.sh} sets it. */
  static final String HOME_VARIABLE = "SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME";

  /** When {@code true} (as in CI), a missing JDK fails the tests instead of skipping them. */
  static final String REQUIRE_VARIABLE = "SERVICEKIT_REQUIRE_VIRTUAL_THREAD_JDK";

  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  private VirtualThreadJdk() {}

  /** The {@code java} launcher of a JDK 21+, or empty with the reason in {@code why}. */
  static Optional<Path> find(List<String> why) {
    String configured = System.getenv(HOME_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      Path home = Path.of(configured);
      int feature = feature(home);
      if (feature >= 21) {
        return Optional.of(home.resolve("bin/java"));
      }
      why.add(
          HOME_VARIABLE
              + "="
              + configured
              + " is not a JDK 21+ (release file says "
              + feature
              + ")");
      return Optional.empty();
    }
    if (Runtime.version().feature() >= 21) {
      return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
    }
    List<Path> candidates = new ArrayList<>();
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> homes = Files.list(jvms)) {
        homes.filter(h -> feature(h) >= 21).forEach(candidates::add);
      } catch (IOException e) {
        why.add("cannot list " + jvms + ": " + e);
      }
    }
    candidates.sort((a, b) -> Integer.compare(feature(b), feature(a)));
    if (candidates.isEmpty()) {
      why.add(
          "no JDK 21+ found: set "
              + HOME_VARIABLE
              + " to one (for example Temurin 25), run the tests on one, or install one under"
              + " /usr/lib/jvm");
      return Optional.empty();
    }
    return Optional.of(candidates.get(0).resolve("bin/java"));
  }

  /** The feature release a Java home's {@code release} file names, or 0. */
  static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return 0;
    }
    try {
      Matcher m = VERSION.matcher(Files.readString(release));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
