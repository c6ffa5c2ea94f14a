package dev.servicekit.benchmarks.logging;

import dev.servicekit.logging.internal.ServicekitServiceProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.spi.MDCAdapter;

/**
 * The whole servicekit path from a logger call, without SLF4J's provider lookup: the calling thread
 * encodes the event and appends the line to the writer's batch, the writer thread writes batches to
 * {@code /dev/null} (policy {@code block}). Also the cost of a call at a disabled level. The
 * headline comparison with other libraries is {@code logging.endtoend}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dservicekit.log.output=file", "-Dservicekit.log.file=/dev/null"})
public class LoggerCallBenchmark {

  private static final Long ORDER_ID = 421337L;
  private static final String CUSTOMER = "alice@example.com";

  private Logger logger;
  private MDCAdapter mdc;

  /** Starts the provider directly (Logback is on this classpath too). */
  @Setup(Level.Trial)
  public void setUp() {
    ServicekitServiceProvider provider = new ServicekitServiceProvider();
    provider.initialize();
    logger = provider.getLoggerFactory().getLogger("com.acme.orders.OrderService");
    mdc = provider.getMDCAdapter();
  }

  /** Puts the three MDC entries on the benchmark thread. */
  @Setup(Level.Iteration)
  public void putMdc() {
    mdc.put("correlation_id", "7f3c9a2e-5b1d-4c8e-9f0a-1b2c3d4e5f60");
    mdc.put("user_id", "u-98765");
    mdc.put("tenant", "acme");
  }

  /** Clears the MDC. */
  @TearDown(Level.Iteration)
  public void clearMdc() {
    mdc.clear();
  }

  /** {@code info("order {} placed for {}", id, customer)} with three MDC entries. */
  @Benchmark
  public void infoCall() {
    logger.info("order {} placed for {}", ORDER_ID, CUSTOMER);
  }

  /** The same call at debug, which is disabled. */
  @Benchmark
  public void disabledDebugCall() {
    logger.debug("order {} placed for {}", ORDER_ID, CUSTOMER);
  }
}
