package dev.servicekit.benchmarks.logging.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The whole call, from SLF4J to the bytes in a {@link Sink}: {@code logger.info("order {} placed
 * for {}", id, customer)} with three MDC entries, and the same call at error with an exception
 * whose cause chain is two deep. Each subclass binds one SLF4J provider for its forks ({@code
 * -Dslf4j.provider=...}) and configures that library in {@link #start}; {@link #setUp} logs one
 * event of each kind through the real path and fails the run unless the subclass's {@link #check}
 * finds the expected fields in what arrived.
 *
 * <p>Scores are throughput (operations per millisecond, summed over the threads); the per-event
 * time of a one-thread run is {@code 1e6 / score} ns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public abstract class EndToEnd {

  static final String LOGGER = "com.acme.orders.OrderService";
  static final String PATTERN = "order {} placed for {}";
  static final Long ORDER_ID = 421337L;
  static final String CUSTOMER = "alice@example.com";
  static final String MESSAGE = "order 421337 placed for alice@example.com";
  static final String[][] MDC_ENTRIES = {
    {"correlation_id", "7f3c9a2e-5b1d-4c8e-9f0a-1b2c3d4e5f60"},
    {"user_id", "u-98765"},
    {"tenant", "acme"}
  };

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code memory} or {@code devnull} (see {@link Sink}). */
  @Param({"memory", "devnull"})
  public String sink;

  Sink out;
  Logger logger;
  final Throwable error =
      new IllegalStateException(
          "order failed",
          new IOException(
              "could not reach inventory", new SocketTimeoutException("read timed out")));

  /** The three MDC entries, put on each benchmark thread. */
  @State(Scope.Thread)
  public static class ThreadMdc {
    /** Puts the entries. */
    @Setup(Level.Trial)
    public void put() {
      for (String[] e : MDC_ENTRIES) {
        MDC.put(e[0], e[1]);
      }
    }

    /** Clears them. */
    @TearDown(Level.Trial)
    public void clear() {
      MDC.clear();
    }
  }

  /** Configures the library to write to {@code out}; returns the SLF4J logger to call. */
  abstract Logger start(Sink out) throws Exception;

  /** The provider's logger factory class this benchmark must run on. */
  abstract String expectedFactory();

  /**
   * Throws unless {@code text}, what arrived for one info and one error event, holds the expected
   * fields; returns true once the text is complete (false: wait for more).
   */
  abstract boolean check(String text) throws IOException;

  /** Releases what {@link #start} made, writing what is still queued. */
  void stop() throws Exception {}

  /** Starts the library, logs one event of each kind and checks what arrived. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    out = Sink.open(sink);
    logger = start(out);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!factory.getClass().getName().equals(expectedFactory())) {
      throw new IllegalStateException(
          "bound to " + factory.getClass().getName() + ", expected " + expectedFactory());
    }
    ThreadMdc mdc = new ThreadMdc();
    mdc.put();
    try {
      info();
      error();
    } finally {
      mdc.clear();
    }
    IOException[] failure = new IOException[1];
    out.awaitText(
        text -> {
          try {
            return check(text);
          } catch (IOException e) {
            failure[0] = e;
            return true;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    out.stopCapturing();
  }

  /** Stops the library. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stop();
  }

  /** {@code info("order {} placed for {}", id, customer)} on one thread. */
  @Benchmark
  @Threads(1)
  public void info(ThreadMdc mdc) {
    info();
  }

  /** The same call from four threads at once. */
  @Benchmark
  @Threads(4)
  public void infoFourThreads(ThreadMdc mdc) {
    info();
  }

  /** The same call at error with an exception whose cause chain is two deep, on one thread. */
  @Benchmark
  @Threads(1)
  public void error(ThreadMdc mdc) {
    error();
  }

  private void info() {
    logger.info(PATTERN, ORDER_ID, CUSTOMER);
  }

  private void error() {
    logger.error(PATTERN, ORDER_ID, CUSTOMER, error);
  }

  // ---- checks shared by the JSON formats

  /** The JSON lines of {@code text}, or null while fewer than two complete ones arrived. */
  static List<JsonNode> jsonLines(String text) throws IOException {
    String[] lines = text.split("\n", -1);
    if (lines.length < 3) {
      return null;
    }
    return List.of(JSON.readTree(lines[0]), JSON.readTree(lines[1]));
  }

  /** Throws unless {@code node} has {@code field} (a dotted name is tried flat, then nested). */
  static String field(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null && field.contains(".")) {
      v = node;
      for (String part : field.split("\\.")) {
        v = v == null ? null : v.get(part);
      }
    }
    if (v == null || v.isNull()) {
      throw new IllegalStateException("no field " + field + " in " + node);
    }
    return v.asText();
  }

  static void expect(JsonNode node, String field, String value) {
    String actual = field(node, field);
    if (!actual.equals(value)) {
      throw new IllegalStateException(
          field + " is '" + actual + "', expected '" + value + "' in " + node);
    }
  }

  /** The message, logger, thread, the three MDC entries at the top level, and the level. */
  static void expectCommon(
      JsonNode node, String levelField, String level, String loggerField, String threadField) {
    expect(node, "message", MESSAGE);
    expect(node, levelField, level);
    expect(node, loggerField, LOGGER);
    field(node, threadField);
    for (String[] e : MDC_ENTRIES) {
      expect(node, e[0], e[1]);
    }
  }

  /** Throws unless the stack trace names the exception and both causes. */
  static void expectStackTrace(String trace) {
    for (String part :
        new String[] {
          "java.lang.IllegalStateException: order failed",
          "java.io.IOException: could not reach inventory",
          "java.net.SocketTimeoutException: read timed out"
        }) {
      if (!trace.contains(part)) {
        throw new IllegalStateException("stack trace lacks '" + part + "': " + trace);
      }
    }
  }
}
