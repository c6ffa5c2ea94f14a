package dev.servicekit.logging.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The running logging system: loggers by name, level thresholds, the MDC, counters and the
 * asynchronous writer. Thread-safe.
 */
public final class JsonLoggerFactory implements ILoggerFactory {

  private final ConcurrentHashMap<String, JsonLogger> loggers = new ConcurrentHashMap<>();
  private final ThreadLocalMdcAdapter mdc;
  private final TraceSource traces;
  private final EventCounters counters = new EventCounters();
  private final InternalErrors errors = new InternalErrors();
  private final ReentrancyGuard guard = new ReentrancyGuard();
  private final AsyncWriter writer;
  private final LogConfig config;
  private volatile LevelTable levels;
  private volatile boolean julInstalled;
  private volatile LevelTable configuredLevels;

  JsonLoggerFactory(
      LogConfig config, LineSink sink, ThreadLocalMdcAdapter mdc, TraceSource traces) {
    this.config = config;
    this.mdc = mdc;
    this.traces = traces;
    this.levels = config.levels();
    this.configuredLevels = levels;
    this.writer = new AsyncWriter(config, sink, counters, errors, guard);
    writer.start();
  }

  /** Opens the configured output, falling back to stdout (with a message) if a file fails. */
  static LineSink openSink(LogConfig config) {
    switch (config.output) {
      case STDERR:
        return new StandardStreamSink(true);
      case FILE:
        try {
          return new FileSink(config.file);
        } catch (java.io.IOException | RuntimeException e) {
          System.err.println(
              "servicekit-logging: cannot open servicekit.log.file="
                  + config.file
                  + " ("
                  + e
                  + "); writing to stdout instead");
          return new StandardStreamSink(false);
        }
      default:
        return new StandardStreamSink(false);
    }
  }

  @Override
  public Logger getLogger(String name) {
    String key = name == null ? "null" : name;
    JsonLogger logger = loggers.get(key);
    if (logger != null) {
      return logger;
    }
    synchronized (this) {
      return loggers.computeIfAbsent(key, n -> new JsonLogger(n, this, levels.threshold(n)));
    }
  }

  /** The current level table. */
  public LevelTable levels() {
    return levels;
  }

  /** Replaces the level table and updates every logger (and the routed JUL root logger's level). */
  public synchronized void levels(LevelTable table) {
    levels = table;
    for (JsonLogger logger : loggers.values()) {
      logger.threshold(table.threshold(logger.getName()));
    }
    if (julInstalled) {
      try {
        java.util.logging.Logger.getLogger("").setLevel(JulBridge.julLevel(table.mostVerbose()));
      } catch (RuntimeException e) {
        problem("could not change the java.util.logging level", e);
      }
    }
  }

  /** The configuration this factory started with. */
  LogConfig config() {
    return config;
  }

  void julInstalled(boolean installed) {
    julInstalled = installed;
  }

  /**
   * Applies the level settings of a changed process configuration (a runtime published its builder
   * settings or withdrew them). Nothing happens when they are the same as before, so levels set at
   * run time through {@code ServicekitLogging.setLevel} stay.
   */
  public synchronized void configuredLevels(LevelTable table) {
    if (!table.equals(configuredLevels)) {
      configuredLevels = table;
      levels(table);
    }
  }

  /** Counts per level and of dropped events. */
  public EventCounters counters() {
    return counters;
  }

  /** Waits until what this thread logged has been written; true when it was within the timeout. */
  public boolean flush(Duration timeout) {
    return writer.flush(timeout);
  }

  /** Writes what is queued and stops the writer; later events are written synchronously. */
  void shutdown() {
    writer.shutdown();
  }

  void problem(String what, Throwable cause) {
    errors.report(what, cause);
  }

  /** A call with one argument, which (as in SLF4J) is never taken as the exception. */
  void log(JsonLogger logger, int level, String pattern, Object arg) {
    log(logger, level, null, pattern, null, 1, arg, null, null, null, 0L);
  }

  /** A call with two arguments; a {@link Throwable} second one is the exception, as in SLF4J. */
  void log(JsonLogger logger, int level, String pattern, Object arg1, Object arg2) {
    if (arg2 instanceof Throwable) {
      log(logger, level, null, pattern, null, 1, arg1, null, (Throwable) arg2, null, 0L);
    } else {
      log(logger, level, null, pattern, null, 2, arg1, arg2, null, null, 0L);
    }
  }

  void log(
      JsonLogger logger,
      int level,
      List<Marker> markers,
      String pattern,
      Object[] arguments,
      Throwable throwable,
      List<KeyValuePair> keyValues,
      long timestamp) {
    log(logger, level, markers, pattern, arguments, 0, null, null, throwable, keyValues, timestamp);
  }

  /**
   * Captures and writes one call; its arguments are {@code arguments}, or when {@code inline} is 1
   * or 2, {@code arg1} (and {@code arg2}) put into the lent encoder's own array.
   */
  private void log(
      JsonLogger logger,
      int level,
      List<Marker> markers,
      String pattern,
      Object[] arguments,
      int inline,
      Object arg1,
      Object arg2,
      Throwable throwable,
      List<KeyValuePair> keyValues,
      long timestamp) {
    ReentrancyGuard.Entry thread = guard.tryEnter();
    if (thread == null) {
      counters.drop();
      errors.report(
          "an event logged from inside the logger (a toString() or the writer thread) was dropped",
          null);
      return;
    }
    EncoderPool.Lease lease = null;
    try {
      counters.count(level);
      Object context = traces.current();
      lease = writer.lease(thread);
      Object[] args = inline == 0 ? arguments : lease.arguments(inline, arg1, arg2);
      LogEvent event =
          lease.event.fill(
              timestamp != 0L ? timestamp : System.currentTimeMillis(),
              level,
              logger.getName(),
              logger.nameJson,
              Thread.currentThread().getName(),
              pattern,
              Arguments.capture(args),
              throwable,
              mdc.snapshot(),
              Arguments.captureKeyValues(keyValues),
              markers == null || markers.isEmpty() ? null : List.copyOf(markers),
              context == null ? null : traces.traceId(context),
              context == null ? null : traces.spanId(context),
              context != null && traces.sampled(context));
      event.identity = config.identity();
      writer.submit(lease, event, thread);
    } catch (Throwable e) {
      errors.report("could not log an event", e);
    } finally {
      if (lease != null) {
        writer.release(lease);
      }
      guard.exit(thread);
    }
  }
}
