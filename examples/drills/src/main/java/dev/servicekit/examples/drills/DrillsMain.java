package dev.servicekit.examples.drills;

import dev.servicekit.examples.drills.DrillResult.Stats;
import dev.servicekit.examples.drills.DrillResult.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The drill runner: starts the demo system as processes, runs the chosen drills one after the
 * other, prints a table per drill and writes all of them as Markdown. Every process it started is
 * stopped at the end, also when a drill fails, the runner is interrupted (SIGINT, SIGTERM) or an
 * exception escapes.
 *
 * <pre>
 * java -jar examples/drills/target/drills.jar [--rate 20] [--orders 300] [--outage 3s]
 *     [--latency 3s] [--fault-period 4s] [--startup-timeout 120s] [--drills 1,2,3,4,5]
 *     [--examples-dir examples] [--work-dir examples/target/drills] [--results PATH]
 * </pre>
 *
 * Exit status 0 when every target was met, 1 when one was missed or a drill failed, 2 on a bad
 * command line.
 */
public final class DrillsMain {

  private DrillsMain() {}

  /**
   * Runs the drills and exits with their status.
   *
   * @param args the command line, see the class description
   */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs the command line; the exit status. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(
          "usage: drills [--rate N/s] [--orders N per drill] [--outage D] [--latency D]"
              + " [--fault-period D] [--startup-timeout D] [--drills 1,2,3,4,5]"
              + " [--examples-dir P] [--work-dir P] [--results FILE]");
      out.println("durations as 500ms, 3s, 1m; see examples/drills/README.md");
      return 0;
    }
    List<String> rest = new ArrayList<>(args);
    Path results = null;
    int r = rest.indexOf("--results");
    if (r >= 0) {
      if (r + 1 >= rest.size()) {
        err.println("drills: --results: missing value");
        return 2;
      }
      results = Path.of(rest.get(r + 1));
      rest.subList(r, r + 2).clear();
    }
    DrillOptions options;
    try {
      options =
          DrillOptions.parse(rest, Path.of("examples"), Path.of("examples", "target", "drills"));
    } catch (IllegalArgumentException e) {
      err.println("drills: " + e.getMessage());
      return 2;
    }
    try {
      long start = System.nanoTime();
      List<DrillResult> all = runDrills(options, out);
      double seconds = (System.nanoTime() - start) / 1e9;
      String markdown = Report.markdown(all, options, machine(), seconds);
      Path file = results != null ? results : options.workDir().resolve("RESULTS.md");
      Files.writeString(file, markdown, StandardCharsets.UTF_8);
      out.printf("%nresults written to %s (%.0f s in all)%n", file, seconds);
      return all.stream().allMatch(DrillResult::passed) ? 0 : 1;
    } catch (Exception e) {
      err.println("drills: " + e);
      return 1;
    }
  }

  /**
   * Starts the system, runs the drills of {@code options} in order, and stops every process.
   *
   * @throws InterruptedException when interrupted; the processes are stopped first
   * @throws IOException when the system cannot start
   */
  static List<DrillResult> runDrills(DrillOptions options, PrintStream out)
      throws IOException, InterruptedException {
    clean(options.workDir());
    List<DrillResult> results = new ArrayList<>();
    try (ProcessGroup group = new ProcessGroup(Duration.ofSeconds(15))) {
      DemoSystem system = new DemoSystem(options, group);
      out.println("starting the demo system (logs in " + system.logDir() + ")");
      long t0 = System.nanoTime();
      system.start();
      out.printf("system healthy after %.1f s%n%n", (System.nanoTime() - t0) / 1e9);
      Drills drills = new Drills(system, options);
      for (int n : options.drills()) {
        DrillResult result;
        try {
          result = drills.run(n);
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          result = broken(n, e);
        }
        results.add(result);
        out.println(Report.text(result));
      }
    }
    return results;
  }

  /** A drill that could not finish: every figure zero, one target missed, the error as a note. */
  static DrillResult broken(int n, Exception e) {
    return new DrillResult(
        n,
        "did not finish",
        new Stats(0, 0, 0, 0, 0, -1, 0, 0, 0),
        List.of(Target.atLeast("drill finished", 0, 1, "")),
        List.of(String.valueOf(e)));
  }

  private static void clean(Path workDir) throws IOException {
    Files.createDirectories(workDir);
    for (String sub : List.of("logs", "broker-data")) {
      Path dir = workDir.resolve(sub);
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** Processors, OS, JVM and load average at the time of the run. */
  static String machine() {
    String load = "";
    try {
      load = ", load average " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
    } catch (IOException | RuntimeException e) {
      // not on Linux
    }
    return String.format(
        "%d cores, %s %s, Java %s, %s%s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"),
        Instant.now().toString().substring(0, 16) + "Z",
        load);
  }
}
