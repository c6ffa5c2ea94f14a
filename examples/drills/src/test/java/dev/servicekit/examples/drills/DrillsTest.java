package dev.servicekit.examples.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The five drills on the real demo system (the services' runnable jars as processes, a real Artemis
 * broker, the agent as a process), with the default load: every target of every drill is met. The
 * bounds are the drills' own (see {@link Drills}); the measured figures go to {@code
 * target/drills/RESULTS.md}.
 */
class DrillsTest {

  @Test
  void everyDrillMeetsEveryTargetAndNoProcessOutlivesTheRun() throws Exception {
    Path examples = Path.of(System.getProperty("examples.dir", "..")).toAbsolutePath().normalize();
    Path work = Path.of(System.getProperty("drills.dir", "target/drills")).toAbsolutePath();
    DrillOptions options = DrillOptions.defaults(examples, work);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    List<ProcessHandle> before = ProcessHandle.current().descendants().toList();

    long start = System.nanoTime();
    List<DrillResult> results = DrillsMain.runDrills(options, out);
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.writeString(
        work.resolve("RESULTS.md"),
        Report.markdown(results, options, DrillsMain.machine(), seconds),
        StandardCharsets.UTF_8);
    System.out.print(console.toString(StandardCharsets.UTF_8));

    assertThat(results).extracting(DrillResult::number).containsExactly(1, 2, 3, 4, 5);
    for (DrillResult r : results) {
      assertThat(
              r.targets().stream().filter(t -> !t.met()).map(t -> t.what() + ": " + t.describe()))
          .as("drill %d (%s) missed targets; notes: %s", r.number(), r.title(), r.notes())
          .isEmpty();
    }
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !before.contains(p)))
        .as("processes the drills started and left running")
        .isEmpty();
    assertThat(seconds).as("the whole suite's time, seconds").isLessThan(240);
  }

  @Test
  void aDrillThatThrowsIsReportedAsMissedNotHidden() {
    DrillResult broken = DrillsMain.broken(3, new IllegalStateException("agent did not answer"));

    assertThat(broken.passed()).isFalse();
    assertThat(broken.notes())
        .containsExactly("java.lang.IllegalStateException: agent did not answer");
    assertThat(Report.text(broken)).contains("[MISS] drill finished");
  }
}
