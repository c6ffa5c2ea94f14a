package dev.servicekit.logging.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.KeyValuePair;

/**
 * Moves events from a bounded queue to a {@link LineSink} on one daemon thread, encoding a batch of
 * lines into one buffer and writing it with one call, so lines never interleave.
 *
 * <p>Policy {@code block} makes a caller wait for room (nothing is lost); policy {@code drop}
 * counts the event as dropped, and the writer periodically writes a line saying how many were
 * dropped. {@link #shutdown} (run by a JVM shutdown hook) writes everything queued before it
 * returns; an event logged after that is encoded and written on the calling thread.
 *
 * <p>Hand-written: Logback's and Log4j2's async appenders only run inside the backends this module
 * replaces, and a JDK queue with one thread needs no dependency (measured by LoggerCallBenchmark).
 */
final class AsyncWriter {

  private static final int BATCH = 512;
  private static final int FLUSH_BYTES = 64 * 1024;
  private static final long POLL_MILLIS = 100;

  private final LogConfig config;
  private final ArrayBlockingQueue<Object> queue;
  private final boolean dropWhenFull;
  private final LineSink sink;
  private final JsonEncoder encoder;
  private final JsonEncoder directEncoder;
  private final JsonBuffer buffer;
  private final JsonBuffer directBuffer;
  private final EventCounters counters;
  private final InternalErrors errors;
  private final ReentrancyGuard guard;
  private final long dropReportNanos;
  private final Duration shutdownTimeout;
  private final Thread thread;

  private volatile boolean stopping;
  private volatile boolean closed;
  private long droppedReported;
  private int eventsInBuffer;

  AsyncWriter(
      LogConfig config,
      LineSink sink,
      EventCounters counters,
      InternalErrors errors,
      ReentrancyGuard guard) {
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueSize);
    this.dropWhenFull = config.dropWhenFull;
    this.sink = sink;
    this.encoder = new JsonEncoder(config);
    this.directEncoder = new JsonEncoder(config);
    this.buffer = new JsonBuffer(FLUSH_BYTES + config.maxLineBytes);
    this.directBuffer = new JsonBuffer(config.maxLineBytes + 64);
    this.counters = counters;
    this.errors = errors;
    this.guard = guard;
    this.dropReportNanos = config.dropReportInterval.toNanos();
    this.shutdownTimeout = config.shutdownTimeout;
    this.thread = new Thread(this::run, "servicekit-log-writer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Hands an event to the writer; never throws. */
  void submit(LogEvent event) {
    if (closed) {
      writeDirect(event);
      return;
    }
    if (dropWhenFull) {
      if (!queue.offer(event)) {
        counters.drop();
      }
    } else if (!queue.offer(event)) {
      if (sink.lockedByCurrentThread()) {
        // the writer needs a lock this thread holds: waiting for room would never end
        writeUnshared(event);
        return;
      }
      try {
        while (!queue.offer(event, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          if (closed || !thread.isAlive()) {
            writeDirect(event);
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (!queue.offer(event)) {
          writeDirect(event);
          return;
        }
      }
    }
    if (closed) {
      drainDirect();
    }
  }

  /**
   * Waits until every event this thread submitted before the call has been written, at most {@code
   * timeout}; true when it has.
   */
  boolean flush(Duration timeout) {
    if (closed || !thread.isAlive() || Thread.currentThread() == thread) {
      return closed;
    }
    CountDownLatch done = new CountDownLatch(1);
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      if (!queue.offer(done, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return false;
      }
      return done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes what is queued, then stops the writer thread; waits at most the shutdown timeout. */
  void shutdown() {
    stopping = true;
    try {
      thread.join(shutdownTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean finished = !thread.isAlive();
    closed = true;
    if (finished) {
      drainDirect();
    } else {
      errors.report("the log writer did not finish within " + shutdownTimeout, null);
    }
  }

  private void run() {
    guard.enter();
    List<Object> batch = new ArrayList<>(BATCH);
    long nextReport = System.nanoTime() + dropReportNanos;
    while (true) {
      Object first;
      try {
        first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first != null) {
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        writeBatch(batch);
        batch.clear();
      }
      long now = System.nanoTime();
      if (now - nextReport >= 0) {
        nextReport = now + dropReportNanos;
        reportDrops();
      }
      if (first == null && stopping && queue.isEmpty()) {
        break;
      }
    }
    reportDrops();
    writeBuffer();
  }

  private void writeBatch(List<Object> batch) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object item = batch.get(i);
      if (item instanceof LogEvent) {
        encodeSafely(encoder, (LogEvent) item, buffer);
        eventsInBuffer++;
        if (buffer.length() >= FLUSH_BYTES) {
          writeBuffer();
        }
      } else {
        writeBuffer();
        ((CountDownLatch) item).countDown();
      }
    }
    writeBuffer();
  }

  private void reportDrops() {
    long dropped = counters.dropped();
    if (dropped > droppedReported) {
      long count = dropped - droppedReported;
      droppedReported = dropped;
      LogEvent line =
          new LogEvent(
              System.currentTimeMillis(),
              30,
              "dev.servicekit.logging",
              null,
              Thread.currentThread().getName(),
              "dropped {} log events since the last report",
              new Object[] {count},
              null,
              MdcSnapshot.EMPTY,
              List.of(
                  new KeyValuePair("dropped", count), new KeyValuePair("dropped_total", dropped)),
              null,
              null,
              null);
      encodeSafely(encoder, line, buffer);
      writeBuffer();
    }
  }

  private void encodeSafely(JsonEncoder enc, LogEvent event, JsonBuffer out) {
    int mark = out.length();
    try {
      enc.encode(event, out);
    } catch (Throwable e) {
      out.truncate(mark);
      errors.report("could not encode a log event", e);
      try {
        enc.encodeFailure(event, e, out);
      } catch (Throwable again) {
        out.truncate(mark);
      }
    }
  }

  private void writeBuffer() {
    if (buffer.length() == 0) {
      return;
    }
    try {
      sink.write(buffer.array(), 0, buffer.length());
    } catch (IOException | RuntimeException e) {
      errors.report("could not write log lines", e);
      counters.drop(eventsInBuffer);
    }
    eventsInBuffer = 0;
    buffer.reset();
    buffer.shrink(FLUSH_BYTES * 4);
  }

  private void drainDirect() {
    Object item;
    while ((item = queue.poll()) != null) {
      if (item instanceof LogEvent) {
        writeDirect((LogEvent) item);
      } else {
        ((CountDownLatch) item).countDown();
      }
    }
  }

  /** Encodes and writes on the calling thread without touching any shared buffer or lock. */
  private void writeUnshared(LogEvent event) {
    JsonBuffer own = new JsonBuffer(512);
    encodeSafely(new JsonEncoder(config), event, own);
    try {
      sink.write(own.array(), 0, own.length());
    } catch (IOException | RuntimeException e) {
      errors.report("could not write log lines", e);
      counters.drop(1);
    }
  }

  private void writeDirect(LogEvent event) {
    synchronized (directBuffer) {
      directBuffer.reset();
      encodeSafely(directEncoder, event, directBuffer);
      try {
        sink.write(directBuffer.array(), 0, directBuffer.length());
      } catch (IOException | RuntimeException e) {
        errors.report("could not write log lines", e);
        counters.drop(1);
      }
    }
  }
}
