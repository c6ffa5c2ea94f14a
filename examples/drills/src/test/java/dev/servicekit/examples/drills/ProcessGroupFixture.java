package dev.servicekit.examples.drills;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A runner stand-in for {@link ProcessGroupTest}: starts one process, prints its pid, waits. */
final class ProcessGroupFixture {

  private ProcessGroupFixture() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    ProcessGroup group = new ProcessGroup(Duration.ofSeconds(5));
    Process p =
        group.start(
            List.of("sleep", "300"), Map.of(), dir.resolve("child.out"), dir.resolve("child.err"));
    System.out.println(p.pid());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
