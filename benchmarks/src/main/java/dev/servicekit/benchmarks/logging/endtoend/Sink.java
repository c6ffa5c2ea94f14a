package dev.servicekit.benchmarks.logging.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where every library under test writes its bytes: {@code memory} keeps nothing but a byte count;
 * {@code devnull} passes each write on to {@code /dev/null} as one {@code write(2)}. While {@link
 * #capturing} is on, it also keeps what it was given, so a benchmark's setup can read the lines
 * back.
 */
final class Sink extends OutputStream {

  private final OutputStream target;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private volatile boolean capturing = true;
  private long count;

  private Sink(OutputStream target) {
    this.target = target;
  }

  /** {@code memory} or {@code devnull}. */
  static Sink open(String kind) throws IOException {
    switch (kind) {
      case "memory":
        return new Sink(null);
      case "devnull":
        return new Sink(new FileOutputStream("/dev/null"));
      default:
        throw new IllegalArgumentException("unknown sink " + kind);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (capturing) {
      synchronized (captured) {
        captured.write(b, off, len);
      }
    }
    count += len;
    if (target != null) {
      target.write(b, off, len);
    }
  }

  /** Stops keeping bytes. */
  void stopCapturing() {
    capturing = false;
  }

  /** Bytes written so far (racy under several writers; only kept so nothing is optimised away). */
  long count() {
    return count;
  }

  /**
   * Waits up to ten seconds until the captured text satisfies {@code done}, then returns it.
   *
   * @throws IllegalStateException when it does not
   */
  String awaitText(Predicate<String> done) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      String text = text();
      if (done.test(text)) {
        return text;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the expected output did not arrive; got: " + text);
      }
      Thread.sleep(5);
    }
  }

  /** Waits until {@code n} complete lines have arrived and returns them. */
  List<String> awaitLines(int n) throws InterruptedException {
    return lines(awaitText(t -> lines(t).size() >= n));
  }

  private String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.add(text.substring(start, i));
      start = i + 1;
    }
    return lines;
  }
}
