package dev.servicekit.examples.logquery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands the command line's inputs into the files to read: a file as given, a directory as the log
 * files under it (sorted by path, hidden entries skipped), {@code -} as standard input.
 */
final class LogSources {

  private static final List<String> LOG_SUFFIXES =
      List.of(".log", ".json", ".jsonl", ".ndjson", ".out", ".txt");

  private LogSources() {}

  /** One input: a path, or standard input when {@link #isStdin()}. */
  record Source(String name, Path path) {
    static final Source STDIN = new Source("-", Path.of("-"));

    boolean isStdin() {
      return this == STDIN;
    }
  }

  /**
   * The sources named by {@code inputs}; standard input when {@code inputs} is empty.
   *
   * @throws IOException when a named input does not exist or a directory cannot be listed
   */
  static List<Source> expand(List<String> inputs) throws IOException {
    if (inputs.isEmpty()) {
      return List.of(Source.STDIN);
    }
    List<Source> sources = new ArrayList<>();
    for (String input : inputs) {
      if (input.equals("-")) {
        sources.add(Source.STDIN);
        continue;
      }
      Path path = Path.of(input);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !isHidden(path.relativize(p)) && isLogFile(p))
              .sorted()
              .forEach(p -> sources.add(new Source(p.toString(), p)));
        }
      } else if (Files.isRegularFile(path) || Files.exists(path)) {
        sources.add(new Source(input, path));
      } else {
        throw new IOException("no such file or directory: " + input);
      }
    }
    return sources;
  }

  private static boolean isLogFile(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return LOG_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
