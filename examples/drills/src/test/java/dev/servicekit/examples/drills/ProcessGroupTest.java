package dev.servicekit.examples.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessGroupTest {

  @TempDir Path dir;

  private Process sleeper(ProcessGroup group) throws Exception {
    return group.start(
        List.of("sleep", "300"), Map.of(), dir.resolve("out.log"), dir.resolve("err.log"));
  }

  @Test
  void closeStopsEveryProcessItStarted() throws Exception {
    ProcessGroup group = new ProcessGroup(Duration.ofSeconds(5));
    Process a = sleeper(group);
    Process b = sleeper(group);
    assertThat(group.alive()).containsExactly(a, b);

    group.close();

    assertThat(a.isAlive()).isFalse();
    assertThat(b.isAlive()).isFalse();
    assertThat(group.alive()).isEmpty();
  }

  @Test
  void aProcessIgnoringSigtermIsKilledAfterTheGracePeriodWithItsChildren() throws Exception {
    ProcessGroup group = new ProcessGroup(Duration.ofMillis(500));
    Process stubborn =
        group.startPiped(
            List.of("sh", "-c", "trap '' TERM; sleep 300 & echo $!; wait"),
            Map.of(),
            dir.resolve("err.log"));
    long child;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(stubborn.getInputStream(), StandardCharsets.UTF_8))) {
      child = Long.parseLong(in.readLine().trim());
    }

    long started = System.nanoTime();
    group.close();

    assertThat(stubborn.isAlive()).isFalse();
    assertThat(goneWithin(child, Duration.ofSeconds(5)))
        .as("the child of the stubborn process")
        .isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void startsNothingOnceClosed() throws Exception {
    ProcessGroup group = new ProcessGroup(Duration.ofSeconds(1));
    group.close();

    assertThatThrownBy(() -> sleeper(group))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the process group is closed");
  }

  @Test
  void theShutdownHookStopsTheProcessesWhenTheRunnerIsTerminated() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process runner =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ProcessGroupFixture.class.getName(),
                dir.toString())
            .redirectError(dir.resolve("runner.err").toFile())
            .start();
    long child;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
      child = Long.parseLong(in.readLine().trim());
      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isTrue();

      runner.destroy(); // SIGTERM, as Ctrl-C or a CI timeout would send
      assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      runner.destroyForcibly();
    }

    assertThat(goneWithin(child, Duration.ofSeconds(5)))
        .as("the process the terminated runner had started")
        .isTrue();
  }

  /** Whether the process is gone (killed and reaped) within the timeout. */
  private static boolean goneWithin(long pid, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }
}
