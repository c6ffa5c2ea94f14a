package dev.servicekit.logging.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.event.KeyValuePair;

/**
 * Moves encoded lines to a {@link LineSink} on one daemon thread. Each caller encodes its event on
 * its own thread (with an encoder lent by an {@link EncoderPool}) and appends the line's bytes,
 * whole, to a shared batch; the writer thread swaps that batch for an empty one and writes it with
 * one call, so lines never interleave and a thread's lines keep their order.
 *
 * <p>The batch holds at most {@code servicekit.log.queue.size} events. Policy {@code block} makes a
 * caller wait for room (nothing is lost); policy {@code drop} counts the event as dropped, and the
 * writer periodically writes a line saying how many were dropped. The writer wakes a caller only
 * when it waits for room, and is woken only when it waits for work: while lines keep coming it
 * pauses briefly after a short batch, so a batch gathers without a wake-up per event. {@link
 * #shutdown} (run by a JVM shutdown hook) writes everything queued before it returns; an event
 * logged after that is written on the calling thread.
 */
final class AsyncWriter {

  private static final int FLUSH_BYTES = 64 * 1024;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** A batch of fewer events than this is followed by a pause of {@link #GATHER_NANOS}. */
  private static final int SHORT_BATCH = 64;

  private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final int capacity;
  private final int byteCapacity;
  private final boolean dropWhenFull;
  private final LineSink sink;
  private final EncoderPool encoders;
  private final JsonEncoder writerEncoder;
  private final EventCounters counters;
  private final InternalErrors errors;
  private final ReentrancyGuard guard;
  private final long dropReportNanos;
  private final Duration shutdownTimeout;
  private final Thread thread;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition room = lock.newCondition();
  private final Condition written = lock.newCondition();

  // guarded by lock
  private JsonBuffer filling;
  private int events;
  private long appended;
  private long done;
  private boolean writerWaiting;
  private int callersWaiting;
  private int flushersWaiting;
  private boolean closed;

  // writer thread only
  private JsonBuffer draining;
  private long droppedReported;

  private volatile boolean stopping;

  AsyncWriter(
      LogConfig config,
      LineSink sink,
      EventCounters counters,
      InternalErrors errors,
      ReentrancyGuard guard) {
    this.capacity = config.queueSize;
    // a full batch of typical lines fits; a burst of long lines waits for the writer instead
    this.byteCapacity = Math.max(FLUSH_BYTES * 16, config.maxLineBytes * 2);
    this.dropWhenFull = config.dropWhenFull;
    this.sink = sink;
    this.encoders = new EncoderPool(config);
    this.writerEncoder = new JsonEncoder(config);
    this.filling = new JsonBuffer(FLUSH_BYTES);
    this.draining = new JsonBuffer(FLUSH_BYTES);
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

  /** Encodes an event on the calling thread and hands the line to the writer; never throws. */
  void submit(LogEvent event) {
    EncoderPool.Lease lease = encoders.acquire();
    try {
      submit(lease, event);
    } finally {
      encoders.release(lease);
    }
  }

  /** An encoder for the calling thread, to be given back with {@link #release}. */
  EncoderPool.Lease lease() {
    return encoders.acquire();
  }

  void release(EncoderPool.Lease lease) {
    encoders.release(lease);
  }

  /** Encodes {@code event} with the lease's encoder and hands the line to the writer. */
  void submit(EncoderPool.Lease lease, LogEvent event) {
    encodeSafely(lease.encoder, event, lease.buffer);
    submitLine(lease.buffer.array(), lease.buffer.length());
  }

  /** Hands one encoded line (or nothing, when {@code length} is 0) to the writer. */
  private void submitLine(byte[] line, int length) {
    if (length == 0) {
      return;
    }
    lock.lock();
    try {
      while (!closed && isFull(length)) {
        if (dropWhenFull) {
          counters.drop();
          return;
        }
        if (sink.lockedByCurrentThread() || !thread.isAlive()) {
          // the writer needs a lock this thread holds (waiting would never end), or is gone
          break;
        }
        callersWaiting++;
        try {
          room.awaitNanos(POLL_NANOS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } finally {
          callersWaiting--;
        }
      }
      if (!closed && !isFull(length)) {
        filling.writeBytes(line, 0, length);
        events++;
        appended++;
        if (writerWaiting) {
          writerWaiting = false;
          work.signal();
        }
        return;
      }
    } finally {
      lock.unlock();
    }
    // closed, or waiting is impossible: write on this thread, without the writer's buffers
    writeLine(line, length);
  }

  private boolean isFull(int length) {
    return events >= capacity || (events > 0 && filling.length() + length > byteCapacity);
  }

  private void writeLine(byte[] line, int length) {
    try {
      sink.write(line, 0, length);
    } catch (IOException | RuntimeException e) {
      errors.report("could not write log lines", e);
      counters.drop(1);
    }
  }

  /**
   * Waits until every event this thread submitted before the call has been written, at most {@code
   * timeout}; true when it has.
   */
  boolean flush(Duration timeout) {
    if (Thread.currentThread() == thread) {
      return false;
    }
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      long target = appended;
      while (done < target) {
        if (remaining <= 0 || !thread.isAlive()) {
          return false;
        }
        flushersWaiting++;
        try {
          remaining = written.awaitNanos(remaining);
        } finally {
          flushersWaiting--;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Writes what is queued, then stops the writer thread; waits at most the shutdown timeout. */
  void shutdown() {
    stopping = true;
    lock.lock();
    try {
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(shutdownTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      errors.report("the log writer did not finish within " + shutdownTimeout, null);
    }
    lock.lock();
    try {
      closed = true;
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    guard.enter();
    long nextReport = System.nanoTime() + dropReportNanos;
    while (true) {
      int count = takeBatch();
      if (count < 0) {
        break;
      }
      if (count > 0) {
        writeDraining(count);
      }
      long now = System.nanoTime();
      if (now - nextReport >= 0) {
        nextReport = now + dropReportNanos;
        reportDrops();
      }
      if (count > 0 && count < SHORT_BATCH && !stopping) {
        LockSupport.parkNanos(GATHER_NANOS);
      }
    }
    reportDrops();
  }

  /**
   * Swaps the filled batch for the empty one; waits up to the poll interval for a first event. The
   * number of events taken, 0 after a quiet poll interval, -1 when stopping with nothing left (the
   * writer is then closed: later events are written by their callers).
   */
  private int takeBatch() {
    lock.lock();
    try {
      if (events == 0) {
        if (stopping) {
          closed = true;
          room.signalAll();
          return -1;
        }
        writerWaiting = true;
        try {
          work.awaitNanos(POLL_NANOS);
        } catch (InterruptedException e) {
          // the writer is only interrupted by accident: carry on
        }
        writerWaiting = false;
        if (events == 0) {
          return 0;
        }
      }
      JsonBuffer full = filling;
      filling = draining;
      draining = full;
      int count = events;
      events = 0;
      if (callersWaiting > 0) {
        room.signalAll();
      }
      return count;
    } finally {
      lock.unlock();
    }
  }

  private void writeDraining(int count) {
    try {
      sink.write(draining.array(), 0, draining.length());
    } catch (IOException | RuntimeException e) {
      errors.report("could not write log lines", e);
      counters.drop(count);
    }
    draining.reset();
    draining.shrink(FLUSH_BYTES * 4);
    lock.lock();
    try {
      done += count;
      if (flushersWaiting > 0) {
        written.signalAll();
      }
    } finally {
      lock.unlock();
    }
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
      draining.reset();
      encodeSafely(writerEncoder, line, draining);
      try {
        sink.write(draining.array(), 0, draining.length());
      } catch (IOException | RuntimeException e) {
        errors.report("could not write log lines", e);
      }
      draining.reset();
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
}
