package dev.servicekit.benchmarks.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.servicekit.logging.internal.JsonBuffer;
import dev.servicekit.logging.internal.JsonEncoder;
import dev.servicekit.logging.internal.LogConfig;
import dev.servicekit.logging.internal.LogEvent;
import dev.servicekit.logging.internal.MdcSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same two events encoded by each library into a sink that only counts bytes:
 *
 * <ul>
 *   <li>plain: {@code info("order {} placed for {}", 42L, "alice")} with three MDC entries;
 *   <li>error: the same with an exception whose cause chain is two deep.
 * </ul>
 *
 * <p>Encoder level, because the SLF4J bindings cannot share a JVM: servicekit's {@link JsonEncoder}
 * on a {@link LogEvent}; logstash-logback-encoder's {@link LogstashEncoder} on a Logback {@link
 * LoggingEvent}; Log4j2's {@link JsonTemplateLayout} with its ECS template on a {@link
 * Log4jLogEvent}. Events are built once; each operation encodes one event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonEncoderBenchmark {

  private static final String LOGGER = "com.acme.orders.OrderService";
  private static final String THREAD = "http-nio-8080-exec-1";
  private static final String PATTERN = "order {} placed for {}";
  private static final Long ORDER_ID = 421337L;
  private static final String CUSTOMER = "alice@example.com";
  private static final long TIME = 1_763_900_000_123L;

  private JsonEncoder servicekit;
  private JsonBuffer servicekitBuffer;
  private LogEvent servicekitPlain;
  private LogEvent servicekitError;

  private LogstashEncoder logstash;
  private final CountingStream logstashSink = new CountingStream();
  private LoggingEvent logbackPlain;
  private LoggingEvent logbackError;

  private JsonTemplateLayout template;
  private final CountingDestination templateSink = new CountingDestination();
  private Log4jLogEvent log4jPlain;
  private Log4jLogEvent log4jError;

  /** Builds the encoders and events. */
  @Setup
  public void setUp() {
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("correlation_id", "7f3c9a2e-5b1d-4c8e-9f0a-1b2c3d4e5f60");
    mdc.put("user_id", "u-98765");
    mdc.put("tenant", "acme");
    Throwable error =
        new IllegalStateException(
            "order failed",
            new IOException(
                "could not reach inventory", new SocketTimeoutException("read timed out")));

    servicekit = new JsonEncoder(LogConfig.of(Map.of(), Map.of()));
    servicekitBuffer = new JsonBuffer(4096);
    MdcSnapshot snapshot = MdcSnapshot.of(mdc);
    servicekitPlain = servicekitEvent(20, snapshot, null);
    servicekitError = servicekitEvent(40, snapshot, error);

    LoggerContext context = new LoggerContext();
    logstash = new LogstashEncoder();
    logstash.setContext(context);
    logstash.start();
    logbackPlain = logbackEvent(context, ch.qos.logback.classic.Level.INFO, mdc, null);
    logbackError = logbackEvent(context, ch.qos.logback.classic.Level.ERROR, mdc, error);

    template =
        JsonTemplateLayout.newBuilder()
            .setConfiguration(new DefaultConfiguration())
            .setEventTemplateUri("classpath:EcsLayout.json")
            .build();
    log4jPlain = log4jEvent(Level.INFO, mdc, null);
    log4jError = log4jEvent(Level.ERROR, mdc, error);
  }

  private static LogEvent servicekitEvent(int level, MdcSnapshot mdc, Throwable error) {
    return new LogEvent(
        TIME,
        level,
        LOGGER,
        null,
        THREAD,
        PATTERN,
        new Object[] {ORDER_ID, CUSTOMER},
        error,
        mdc,
        null,
        null,
        null,
        null);
  }

  private static LoggingEvent logbackEvent(
      LoggerContext context,
      ch.qos.logback.classic.Level level,
      Map<String, String> mdc,
      Throwable error) {
    LoggingEvent e =
        new LoggingEvent(
            JsonEncoderBenchmark.class.getName(),
            context.getLogger(LOGGER),
            level,
            PATTERN,
            error,
            new Object[] {ORDER_ID, CUSTOMER});
    e.setTimeStamp(TIME);
    e.setThreadName(THREAD);
    e.setMDCPropertyMap(mdc);
    return e;
  }

  private static Log4jLogEvent log4jEvent(Level level, Map<String, String> mdc, Throwable error) {
    SortedArrayStringMap contextData = new SortedArrayStringMap();
    mdc.forEach(contextData::putValue);
    contextData.freeze();
    return Log4jLogEvent.newBuilder()
        .setLoggerName(LOGGER)
        .setLevel(level)
        .setMessage(new ParameterizedMessage(PATTERN, ORDER_ID, CUSTOMER))
        .setThrown(error)
        .setTimeMillis(TIME)
        .setThreadName(THREAD)
        .setContextData(contextData)
        .build();
  }

  /** servicekit, plain event. */
  @Benchmark
  public long servicekitPlain() {
    servicekitBuffer.reset();
    servicekit.encode(servicekitPlain, servicekitBuffer);
    return servicekitBuffer.length();
  }

  /**
   * The plain event encoded on four threads at once, each with its own encoder and buffer (nothing
   * shared): beside {@link #servicekitPlain}, how much this machine lets the encoding work itself
   * scale from one thread to four in the same run, the context for the end-to-end four-thread
   * figure.
   */
  @Benchmark
  @Threads(4)
  public long servicekitPlainFourThreads() {
    return servicekitPlain();
  }

  /** servicekit, event with a two-deep cause chain. */
  @Benchmark
  public long servicekitError() {
    servicekitBuffer.reset();
    servicekit.encode(servicekitError, servicekitBuffer);
    return servicekitBuffer.length();
  }

  /** logstash-logback-encoder, plain event. */
  @Benchmark
  public long logstashPlain() throws IOException {
    logstash.encode(logbackPlain, logstashSink);
    return logstashSink.count;
  }

  /** logstash-logback-encoder, event with a two-deep cause chain. */
  @Benchmark
  public long logstashError() throws IOException {
    logstash.encode(logbackError, logstashSink);
    return logstashSink.count;
  }

  /** Log4j2 JsonTemplateLayout (ECS template), plain event. */
  @Benchmark
  public long jsonTemplatePlain() {
    template.encode(log4jPlain, templateSink);
    return templateSink.count;
  }

  /** Log4j2 JsonTemplateLayout (ECS template), event with a two-deep cause chain. */
  @Benchmark
  public long jsonTemplateError() {
    template.encode(log4jError, templateSink);
    return templateSink.count;
  }

  /** An output stream that only counts the bytes written to it. */
  static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** A Log4j byte-buffer destination that only counts the bytes written to it. */
  static final class CountingDestination implements ByteBufferDestination {
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long count;

    @Override
    public ByteBuffer getByteBuffer() {
      return buffer;
    }

    @Override
    public ByteBuffer drain(ByteBuffer buf) {
      buf.flip();
      count += buf.remaining();
      buf.clear();
      return buf;
    }

    @Override
    public void writeBytes(ByteBuffer data) {
      count += data.remaining();
      data.position(data.limit());
    }

    @Override
    public void writeBytes(byte[] data, int offset, int length) {
      count += length;
    }
  }
}
