package dev.servicekit.testing;

import dev.servicekit.testing.internal.JsonException;
import dev.servicekit.testing.internal.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Captures what a test writes to {@code System.out} (or {@code System.err}) line by line, while
 * still passing it through, and reads JSON log lines with a strict parser. Works with any test
 * framework.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   service.handle(request);
 *   Map<String, Object> line =
 *       logs.await(l -> "request done".equals(l.get("message")), Duration.ofSeconds(5));
 *   assertThat(line).containsEntry("correlation_id", "abc");
 * }
 * }</pre>
 *
 * <p>Only complete, {@code \n}-terminated lines are collected (a trailing {@code \r} is dropped). A
 * logger that grabbed the original stream before {@link #start()} is not captured: start the
 * capture before the logging backend initialises, or configure it to write to {@code System.out}
 * lazily. Thread-safe. {@link #close()} restores the original stream.
 */
public final class LogCapture implements AutoCloseable {
  private final boolean stderr;
  private final PrintStream original;
  private final PrintStream tee;
  private final List<String> lines = new ArrayList<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private boolean closed;

  private LogCapture(boolean stderr) {
    this.stderr = stderr;
    this.original = stderr ? System.err : System.out;
    this.tee = new PrintStream(new Tee(), true, StandardCharsets.UTF_8);
    if (stderr) {
      System.setErr(tee);
    } else {
      System.setOut(tee);
    }
  }

  /**
   * Starts capturing {@code System.out}.
   *
   * @return the capture; close it to restore {@code System.out}
   */
  public static LogCapture start() {
    return new LogCapture(false);
  }

  /**
   * Starts capturing {@code System.err}.
   *
   * @return the capture; close it to restore {@code System.err}
   */
  public static LogCapture startOnStderr() {
    return new LogCapture(true);
  }

  private final class Tee extends OutputStream {
    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      original.write(b, off, len);
      synchronized (lines) {
        for (int i = off; i < off + len; i++) {
          if (b[i] == '\n') {
            String line = partial.toString(StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
              line = line.substring(0, line.length() - 1);
            }
            lines.add(line);
            partial.reset();
            lines.notifyAll();
          } else {
            partial.write(b[i]);
          }
        }
      }
    }

    @Override
    public void flush() {
      original.flush();
    }
  }

  /**
   * The complete lines captured so far.
   *
   * @return a snapshot in order
   */
  public List<String> lines() {
    synchronized (lines) {
      return Collections.unmodifiableList(new ArrayList<>(lines));
    }
  }

  /**
   * The captured lines that are JSON objects (lines starting with <code>{</code>), parsed.
   *
   * @return the parsed objects in order
   * @throws AssertionError when a line starting with <code>{</code> is not valid JSON (a structured
   *     log line must never be), naming the line and the parse error
   */
  public List<Map<String, Object>> jsonLines() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : lines()) {
      Map<String, Object> parsed = parseJsonLine(line);
      if (parsed != null) {
        out.add(parsed);
      }
    }
    return out;
  }

  private static Map<String, Object> parseJsonLine(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      return JsonText.parseStrictObject(line);
    } catch (JsonException e) {
      throw new AssertionError("Invalid JSON log line: " + e.getMessage() + ": " + line, e);
    }
  }

  /**
   * Waits for a JSON line matching a predicate (lines already captured count).
   *
   * @param predicate what the parsed line must satisfy
   * @param timeout how long to wait
   * @return the first matching parsed line
   * @throws AssertionError when none arrives in time (listing what was captured), or a JSON line is
   *     invalid
   */
  public Map<String, Object> await(Predicate<Map<String, Object>> predicate, Duration timeout) {
    Objects.requireNonNull(predicate, "predicate");
    return awaitMatch(
        line -> {
          Map<String, Object> parsed = parseJsonLine(line);
          return parsed != null && predicate.test(parsed) ? Optional.of(parsed) : Optional.empty();
        },
        timeout);
  }

  /**
   * Waits for a raw line matching a predicate (lines already captured count).
   *
   * @param predicate what the line must satisfy
   * @param timeout how long to wait
   * @return the first matching line
   * @throws AssertionError when none arrives in time
   */
  public String awaitLine(Predicate<String> predicate, Duration timeout) {
    Objects.requireNonNull(predicate, "predicate");
    return awaitMatch(line -> predicate.test(line) ? Optional.of(line) : Optional.empty(), timeout);
  }

  private <T> T awaitMatch(
      java.util.function.Function<String, Optional<T>> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    synchronized (lines) {
      while (true) {
        for (; checked < lines.size(); checked++) {
          Optional<T> found = match.apply(lines.get(checked));
          if (found.isPresent()) {
            return found.get();
          }
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(
              "No matching line within "
                  + timeout
                  + "; captured "
                  + lines.size()
                  + " lines:\n"
                  + String.join("\n", lines));
        }
        try {
          lines.wait(Math.max(1, remaining / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for a log line", e);
        }
      }
    }
  }

  /** Forgets the lines captured so far. */
  public void clear() {
    synchronized (lines) {
      lines.clear();
      partial.reset();
    }
  }

  /** Restores the original stream. Idempotent. */
  @Override
  public void close() {
    synchronized (lines) {
      if (closed) {
        return;
      }
      closed = true;
    }
    tee.flush();
    if (stderr) {
      if (System.err == tee) {
        System.setErr(original);
      }
    } else if (System.out == tee) {
      System.setOut(original);
    }
  }
}
