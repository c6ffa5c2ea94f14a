package dev.servicekit.logging.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * writer periodically writes a line saying how many were dropped. The append is guarded by a spin
 * lock held only for the copy, so a caller never parks on it and never has to wake a parked writer
 * on release. While lines keep coming the writer pauses briefly after each batch (0.1 ms, at most 1
 * ms when there was nothing), so batches gather without a wake-up per event; only after a quiet
 * spell does it park until the next caller wakes it. A caller waiting for room, a flush and the
 * shutdown wake it at once. {@link #shutdown} (run by a JVM shutdown hook) writes everything queued
 * before it returns; an event logged after that is written on the calling thread.
 */
final class AsyncWriter {

  private static final int FLUSH_BYTES = 64 * 1024;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * The writer's pause after a batch, so the next one gathers without waking it; with nothing to
   * write it looks again after the same pause, {@link #QUIET_NAPS} times, before it parks until a
   * caller wakes it.
   */
  private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final int QUIET_NAPS = 20;

  private static final int SPINS_BEFORE_YIELD = 100;

  /** Outcomes of an append. */
  private static final int APPENDED = 0;

  private static final int FULL = 1;
  private static final int CLOSED = 2;

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

  /** The spin lock over the batch: 0 free, 1 held. */
  private final AtomicInteger batchLock = new AtomicInteger();

  // guarded by batchLock
  private JsonBuffer filling;
  private int events;
  private long appended;
  private boolean closed;
  private boolean writerParked;

  /**
   * Callers waiting for room, and flushers waiting for lines to be written, each on a condition.
   */
  private final AtomicInteger callersWaiting = new AtomicInteger();

  private final AtomicInteger flushersWaiting = new AtomicInteger();
  private final ReentrantLock roomLock = new ReentrantLock();
  private final Condition room = roomLock.newCondition();
  private final ReentrantLock writtenLock = new ReentrantLock();
  private final Condition written = writtenLock.newCondition();

  /** Events handed to the sink so far (written, or lost to a failing sink). */
  private volatile long done;

  private volatile boolean stopping;

  // writer thread only
  private JsonBuffer draining;
  private int lastBatchBytes;
  private long droppedReported;

  AsyncWriter(
      LogConfig config,
      LineSink sink,
      EventCounters counters,
      InternalErrors errors,
      ReentrancyGuard guard) {
    this.capacity = config.queueSize;
    // a full batch of typical lines fits; a burst of long lines waits for the writer instead
    long typical = Math.min(Math.max((long) capacity * 256, FLUSH_BYTES * 16L), 64L << 20);
    this.byteCapacity = (int) Math.max(typical, config.maxLineBytes * 2L);
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
  EncoderPool.Lease lease(ReentrancyGuard.Entry thread) {
    return encoders.acquire(thread);
  }

  void release(EncoderPool.Lease lease) {
    encoders.release(lease);
  }

  /** Encodes {@code event} with the lease's encoder and hands the line to the writer. */
  void submit(EncoderPool.Lease lease, LogEvent event) {
    encodeSafely(lease.encoder, event, lease.buffer);
    submitLine(lease.buffer.array(), lease.buffer.length());
  }

  private void lock() {
    if (!batchLock.compareAndSet(0, 1)) {
      lockSlowly();
    }
  }

  private void lockSlowly() {
    int spins = 0;
    while (batchLock.get() != 0 || !batchLock.compareAndSet(0, 1)) {
      if (++spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        // the holder was descheduled mid-copy: let it run
        Thread.yield();
      }
    }
  }

  private void unlock() {
    batchLock.lazySet(0);
  }

  /** Hands one encoded line (or nothing, when {@code length} is 0) to the writer. */
  private void submitLine(byte[] line, int length) {
    if (length == 0) {
      return;
    }
    int result = tryAppend(line, length);
    if (result == APPENDED) {
      return;
    }
    if (result == FULL) {
      if (dropWhenFull) {
        counters.drop();
        return;
      }
      if (appendWhenRoom(line, length)) {
        return;
      }
    }
    // closed, or waiting is impossible: write on this thread, without the writer's buffers
    writeLine(line, length);
  }

  private int tryAppend(byte[] line, int length) {
    boolean wake;
    lock();
    try {
      if (closed) {
        return CLOSED;
      }
      if (events >= capacity || (events > 0 && filling.length() + length > byteCapacity)) {
        return FULL;
      }
      filling.writeBytes(line, 0, length);
      events++;
      appended++;
      wake = writerParked;
      writerParked = false;
    } finally {
      unlock();
    }
    if (wake) {
      LockSupport.unpark(thread);
    }
    return APPENDED;
  }

  /** Policy block: waits for room, then appends; false when the line must be written directly. */
  private boolean appendWhenRoom(byte[] line, int length) {
    callersWaiting.incrementAndGet();
    LockSupport.unpark(thread);
    roomLock.lock();
    try {
      while (true) {
        int result = tryAppend(line, length);
        if (result != FULL) {
          return result == APPENDED;
        }
        if (sink.lockedByCurrentThread() || !thread.isAlive()) {
          // the writer needs a lock this thread holds (waiting would never end), or is gone
          return false;
        }
        try {
          room.awaitNanos(POLL_NANOS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return tryAppend(line, length) == APPENDED;
        }
      }
    } finally {
      roomLock.unlock();
      callersWaiting.decrementAndGet();
    }
  }

  private void signalRoom() {
    if (callersWaiting.get() > 0) {
      roomLock.lock();
      try {
        room.signalAll();
      } finally {
        roomLock.unlock();
      }
    }
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
    long target;
    lock();
    try {
      target = appended;
    } finally {
      unlock();
    }
    if (done >= target) {
      return true;
    }
    flushersWaiting.incrementAndGet();
    LockSupport.unpark(thread);
    writtenLock.lock();
    try {
      long remaining = timeout.toNanos();
      while (done < target) {
        if (remaining <= 0 || !thread.isAlive()) {
          return done >= target;
        }
        remaining = written.awaitNanos(remaining);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      writtenLock.unlock();
      flushersWaiting.decrementAndGet();
    }
  }

  /** Writes what is queued, then stops the writer thread; waits at most the shutdown timeout. */
  void shutdown() {
    stopping = true;
    LockSupport.unpark(thread);
    try {
      thread.join(shutdownTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      errors.report("the log writer did not finish within " + shutdownTimeout, null);
    }
    lock();
    try {
      closed = true;
    } finally {
      unlock();
    }
    signalRoom();
  }

  private void run() {
    guard.enter();
    long nextReport = System.nanoTime() + dropReportNanos;
    int quiet = 0;
    while (true) {
      // park until woken only after a quiet spell; while lines come, poll on a short timer
      boolean mayPark = quiet >= QUIET_NAPS;
      int count = takeBatch(mayPark);
      if (count < 0) {
        break;
      }
      if (count > 0) {
        writeDraining(count);
        quiet = 0;
      } else if (!mayPark) {
        quiet++;
      }
      long now = System.nanoTime();
      if (now - nextReport >= 0) {
        nextReport = now + dropReportNanos;
        reportDrops();
      }
      // after a batch that filled an eighth of the room, go straight on: lines come fast
      boolean shortBatch = count < capacity / 8 && lastBatchBytes < byteCapacity / 8;
      if ((count > 0 ? shortBatch : !mayPark)
          && !stopping
          && callersWaiting.get() == 0
          && flushersWaiting.get() == 0) {
        LockSupport.parkNanos(this, NAP_NANOS);
      }
    }
    reportDrops();
  }

  /**
   * Swaps the filled batch for the empty one. With nothing queued it returns 0 at once, or when
   * {@code mayPark}, parks until a caller appends (or the poll interval ends). The number of events
   * taken, or -1 when stopping with nothing left (the writer is then closed: later events are
   * written by their callers).
   */
  private int takeBatch(boolean mayPark) {
    lock();
    try {
      if (events == 0) {
        if (stopping) {
          closed = true;
          return -1;
        }
        if (!mayPark) {
          return 0;
        }
        writerParked = true;
        unlock();
        try {
          LockSupport.parkNanos(this, POLL_NANOS);
        } finally {
          lock();
        }
        writerParked = false;
        if (events == 0) {
          return 0;
        }
      }
      JsonBuffer full = filling;
      filling = draining;
      draining = full;
      int count = events;
      events = 0;
      return count;
    } finally {
      unlock();
      signalRoom();
    }
  }

  private void writeDraining(int count) {
    lastBatchBytes = draining.length();
    try {
      sink.write(draining.array(), 0, draining.length());
    } catch (IOException | RuntimeException e) {
      errors.report("could not write log lines", e);
      counters.drop(count);
    }
    draining.reset();
    draining.shrink(FLUSH_BYTES * 4);
    done += count;
    if (flushersWaiting.get() > 0) {
      writtenLock.lock();
      try {
        written.signalAll();
      } finally {
        writtenLock.unlock();
      }
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
