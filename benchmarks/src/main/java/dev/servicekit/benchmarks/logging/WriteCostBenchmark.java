package dev.servicekit.benchmarks.logging;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one {@code write(2)} of a 300-byte log line costs on this machine, the price a logger that
 * writes each line on its own pays per event and a batching one pays once per batch: to {@code
 * /dev/null} (the headline's real-write sink) and to a pipe that another process reads, as a
 * container's standard output is. Context for the headline's {@code /dev/null} ratio, not a
 * comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WriteCostBenchmark {

  /** {@code devnull}: {@code /dev/null}; {@code pipe}: the standard input of {@code cat}. */
  @Param({"devnull", "pipe"})
  public String target;

  private final byte[] line = line();
  private FileOutputStream out;
  private Process reader;
  private Path fifo;

  private static byte[] line() {
    StringBuilder b = new StringBuilder(300);
    b.append("{\"@timestamp\":\"2026-12-02T05:00:00.000Z\",\"log.level\":\"INFO\",");
    b.append("\"message\":\"order 421337 placed for alice@example.com\"");
    while (b.length() < 298) {
      b.append(' ');
    }
    return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (target.equals("devnull")) {
      out = new FileOutputStream("/dev/null");
    } else {
      // a named pipe that cat reads: a plain FileOutputStream, so each write is one call
      fifo = Files.createTempDirectory("write-cost").resolve("pipe");
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
      if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
        throw new IllegalStateException("mkfifo failed");
      }
      reader =
          new ProcessBuilder("cat", fifo.toString()).redirectOutput(new File("/dev/null")).start();
      out = new FileOutputStream(fifo.toFile());
    }
    out.write(line);
    if (line.length != 300) {
      throw new IllegalStateException("line is " + line.length + " bytes, not 300");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException, InterruptedException {
    out.close();
    if (reader != null) {
      // cat ends at the pipe's end of file
      if (!reader.waitFor(10, TimeUnit.SECONDS)) {
        reader.destroyForcibly();
      }
      Files.deleteIfExists(fifo);
      Files.deleteIfExists(fifo.getParent());
    }
  }

  /** One line, one {@code write(2)}. */
  @Benchmark
  public void writeOneLine() throws IOException {
    out.write(line);
  }
}
