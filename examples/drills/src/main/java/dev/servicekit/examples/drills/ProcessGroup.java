package dev.servicekit.examples.drills;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process the drills start, and the promise to stop all of them: {@link #close()} sends
 * SIGTERM to each live process (newest first), waits up to the grace period, then kills what is
 * left and its descendants. A JVM shutdown hook calls {@link #close()} too, so an interrupted or
 * failing run (Ctrl-C, SIGTERM, an exception) leaves nothing behind. Thread-safe.
 */
final class ProcessGroup implements AutoCloseable {

  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final Duration grace;
  private final Thread hook = new Thread(this::stopAll, "drills-stop-processes");
  private volatile boolean closed;

  ProcessGroup(Duration grace) {
    this.grace = grace;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts a process with {@code env} added to this JVM's environment, its stdout and stderr
   * appended to the given files.
   */
  Process start(List<String> command, Map<String, String> env, Path stdout, Path stderr)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    return register(pb);
  }

  /** Starts a process whose stdout the caller reads (stderr appended to {@code stderr}). */
  Process startPiped(List<String> command, Map<String, String> env, Path stderr)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    return register(pb);
  }

  private synchronized Process register(ProcessBuilder pb) throws IOException {
    if (closed) {
      throw new IllegalStateException("the process group is closed");
    }
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** The processes started so far that are still running. */
  List<Process> alive() {
    return processes.stream().filter(Process::isAlive).toList();
  }

  /** Stops every process and removes the shutdown hook. Idempotent. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running or has run
    }
  }

  private void stopAll() {
    List<Process> running;
    synchronized (this) {
      closed = true;
      running = new ArrayList<>(processes);
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      if (running.get(i).isAlive()) {
        running.get(i).destroy();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (Process p : running) {
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
          kill(p);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(p);
      }
    }
    for (Process p : running) {
      kill(p);
    }
  }

  /** SIGKILL to the process and everything it started. */
  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
