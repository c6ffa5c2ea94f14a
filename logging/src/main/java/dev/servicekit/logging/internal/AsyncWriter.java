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
 * one call, so lines never interleave and a thread's lines keep their order. Under policy {@code
 * block} a caller first stages lines in its lease (up to 64 lines or 8 KB) and moves them to the
 * batch together (when another thread holds the batch just then, it stages on, up to four times
 * that, rather than wait); it keeps to that lease until they have moved, and the writer moves what
 * a free lease holds every round, so the order holds and no line waits long.
 *
 * <p>The batch holds at most {@code servicekit.log.queue.size} events. Policy {@code block} makes a
 * caller wait for room (nothing is lost); policy {@code drop} counts the event as dropped, and the
 * writer periodically writes a line saying how many were dropped. The append is guarded by a spin
 * lock held only for the copy, so a caller never parks on it and never has to wake a parked writer
 * on release. While lines keep coming the writer pauses for 1 ms after each short batch, so batches
 * gather without a wake-up per event (a line waits at most about that long); a caller ends the
 * pause early only once the batch is three quarters full. Only after a quiet spell does the writer
 * park until the next caller wakes it. A caller waiting for room, a flush and the shutdown wake it
 * at once. {@link #shutdown} (run by a JVM shutdown hook) writes everything queued or staged before
 * it returns; an event logged after that is written on the calling thread.
 *
 * <p>Hand-written: Logback's and Log4j2's async appenders only run inside the backends this module
 * replaces, and one batch and one writer thread need no dependency (measured by the end-to-end
 * logging benchmarks).
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

  /** Lines a lease stages before they move to the batch: at most this many, or bytes. */
  private static final int STAGE_BYTES = 8 * 1024;

  /**
   * While the batch is held by another thread a lease stages on, up to this many times its limits,
   * before it waits for the batch.
   */
  private static final int DEFER_LIMIT = 4;

  private final int stageEvents;

  // guarded by batchLock (volatile: staging reads them without it)
  private JsonBuffer filling;
  private int events;
  private long appended;
  private volatile boolean closed;
  private volatile boolean writerParked;

  /**
   * Whether the writer is in its short pause; a caller that fills the batch past three quarters
   * ends it. Waking the writer is a system call on the caller's thread (about 30 microseconds per
   * wake-up on the two-core virtual machine the benchmarks ran on), so below that the caller leaves
   * the batch to the writer's own timer.
   */
  private volatile boolean writerNapping;

  private final int wakeEvents;
  private final int wakeBytes;

  /**
   * The writer's rounds so far. It moves a free lease's staged lines once they were staged before
   * the current round, so a thread that keeps logging moves its own lines (its lease is never taken
   * from under it) and the lines of one that stopped wait about one round.
   */
  private volatile int round;

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
    // block policy only: a dropped event must be counted when it arrives, not when it moves
    this.stageEvents = config.dropWhenFull ? 0 : Math.min(64, config.queueSize / 16);
    // a full batch of typical lines fits (an ECS line with a trace context, a few MDC entries and a
    // long thread name runs 300-500 bytes), so at a high rate the bytes do not fill it before the
    // events do; a burst of long lines waits for the writer instead. The buffers grow only as far
    // as the lines need.
    long typical = Math.min(Math.max((long) capacity * 512, FLUSH_BYTES * 16L), 64L << 20);
    this.byteCapacity = (int) Math.max(typical, config.maxLineBytes * 2L);
    this.wakeEvents = Math.max(1, capacity - capacity / 4);
    this.wakeBytes = Math.max(1, byteCapacity - byteCapacity / 4);
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
    submit(lease, event, null);
  }

  /**
   * As {@link #submit(EncoderPool.Lease, LogEvent)}; with the calling thread's entry (which the
   * lease was acquired for) the line may be staged in the lease first.
   */
  void submit(EncoderPool.Lease lease, LogEvent event, ReentrancyGuard.Entry thread) {
    if (thread != null && stageEvents > 1 && lease.slot >= 0 && !closed) {
      // encoded straight into the lease's staged lines: one copy less
      int mark = lease.staged.length();
      encodeSafely(lease.encoder, event, lease.staged);
      if (lease.staged.length() > mark) {
        staged(lease, thread);
      }
      return;
    }
    encodeSafely(lease.encoder, event, lease.buffer);
    if (lease.buffer.length() == 0) {
      return;
    }
    if (closed) {
      // after shutdown: what the lease staged first, then the line, on this thread
      writeStaged(lease);
      writeLine(lease.buffer.array(), lease.buffer.length());
      return;
    }
    // a lease that staged lines moves them on before a line goes past them
    moveStaged(lease, false);
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
    submitLines(line, length, 1);
  }

  /** Hands {@code count} whole lines, {@code length} bytes, to the writer. */
  private void submitLines(byte[] lines, int length, int count) {
    if (length == 0) {
      return;
    }
    int result = tryAppend(lines, length, count, false);
    if (result == APPENDED) {
      return;
    }
    if (result == FULL) {
      if (dropWhenFull) {
        counters.drop(count);
        return;
      }
      if (appendWhenRoom(lines, length, count)) {
        return;
      }
    }
    // closed, or waiting is impossible: write on this thread, without the writer's buffers
    writeLines(lines, length, count);
  }

  /**
   * Appends lines to the batch: {@link #APPENDED}, {@link #FULL} (never when {@code force}: the
   * writer's own collection of staged lines) or {@link #CLOSED}.
   */
  private int tryAppend(byte[] lines, int length, int count, boolean force) {
    boolean wake;
    lock();
    try {
      if (closed) {
        return CLOSED;
      }
      if (!force
          && events > 0
          && (events + count > capacity || filling.length() + length > byteCapacity)) {
        return FULL;
      }
      filling.writeBytes(lines, 0, length);
      events += count;
      appended += count;
      wake = writerParked;
      writerParked = false;
      if (writerNapping && (events >= wakeEvents || filling.length() >= wakeBytes)) {
        // three quarters full: the writer takes it now rather than after its pause
        writerNapping = false;
        wake = true;
      }
    } finally {
      unlock();
    }
    if (wake) {
      LockSupport.unpark(thread);
    }
    return APPENDED;
  }

  /** Policy block: waits for room, then appends; false when the lines must be written directly. */
  private boolean appendWhenRoom(byte[] lines, int length, int count) {
    callersWaiting.incrementAndGet();
    LockSupport.unpark(thread);
    roomLock.lock();
    try {
      while (true) {
        int result = tryAppend(lines, length, count, false);
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
          return tryAppend(lines, length, count, false) == APPENDED;
        }
      }
    } finally {
      roomLock.unlock();
      callersWaiting.decrementAndGet();
    }
  }

  /**
   * Counts the line just encoded into the lease's staged lines (block policy), so the shared batch
   * is touched once per {@link #stageEvents} lines or {@link #STAGE_BYTES} bytes instead of per
   * line. The thread keeps to this lease until those lines have moved on (see {@link EncoderPool}),
   * so its lines keep their order; the writer moves what a free lease holds every round.
   */
  private void staged(EncoderPool.Lease lease, ReentrancyGuard.Entry thread) {
    lease.stagedEvents++;
    thread.stagedSlot = lease.slot;
    thread.stagedMoves = lease.moves;
    if (!lease.hasStaged) {
      lease.stagedRound = round;
      lease.hasStaged = true;
      if (writerParked) {
        LockSupport.unpark(this.thread);
      }
    }
    int lines = lease.stagedEvents;
    int bytes = lease.staged.length();
    if (lines >= stageEvents || bytes >= STAGE_BYTES) {
      if (lines < stageEvents * DEFER_LIMIT
          && bytes < STAGE_BYTES * DEFER_LIMIT
          && batchLock.get() != 0) {
        // another thread holds the batch (and may have lost its core mid-copy): stage on, and move
        // the lines with a later one, rather than wait
        return;
      }
      moveStaged(lease, false);
    }
  }

  /** Moves the staged lines of a lease this thread holds into the batch. */
  private void moveStaged(EncoderPool.Lease lease, boolean byWriter) {
    int count = lease.stagedEvents;
    if (count == 0) {
      return;
    }
    JsonBuffer staged = lease.staged;
    if (byWriter) {
      if (tryAppend(staged.array(), staged.length(), count, true) == CLOSED) {
        writeLines(staged.array(), staged.length(), count);
      }
    } else {
      submitLines(staged.array(), staged.length(), count);
    }
    staged.reset();
    // keep room for what staging on while the batch is held can reach
    staged.shrink(STAGE_BYTES * DEFER_LIMIT);
    lease.stagedEvents = 0;
    lease.moves++;
    lease.hasStaged = false;
  }

  /** Writes the staged lines of a lease this thread holds straight to the sink. */
  private void writeStaged(EncoderPool.Lease lease) {
    if (lease.stagedEvents > 0) {
      writeLines(lease.staged.array(), lease.staged.length(), lease.stagedEvents);
      lease.staged.reset();
      lease.stagedEvents = 0;
      lease.moves++;
      lease.hasStaged = false;
    }
  }

  /**
   * Moves the staged lines of every lease into the batch: the writer's round takes free leases only
   * ({@code wait} false); a flush and the shutdown wait for lent ones (until {@code deadline}, a
   * {@link System#nanoTime} value). True when none is left staged.
   */
  private boolean collectStaged(boolean wait, long deadline) {
    boolean clear = true;
    // once closed, the final pass takes every lease: a holder may stage after it was looked at
    boolean every = wait && closed;
    int now = round;
    for (EncoderPool.Lease lease : encoders.leases()) {
      if (lease == null || (!lease.hasStaged && !every)) {
        continue;
      }
      if (!wait && lease.stagedRound == now) {
        // staged in this round: its holder may still be logging and move them itself
        clear = false;
        continue;
      }
      if (!(wait ? encoders.take(lease, deadline) : encoders.tryTake(lease))) {
        clear = false;
        continue;
      }
      try {
        if (closed) {
          writeStaged(lease);
        } else {
          moveStaged(lease, Thread.currentThread() == thread);
        }
      } finally {
        encoders.giveBack(lease);
      }
    }
    return clear;
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
    writeLines(line, length, 1);
  }

  private void writeLines(byte[] lines, int length, int count) {
    try {
      sink.write(lines, 0, length);
    } catch (IOException | RuntimeException e) {
      errors.report("could not write log lines", e);
      counters.drop(count);
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
    long deadline = System.nanoTime() + timeout.toNanos();
    collectStaged(true, deadline);
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
      long remaining = deadline - System.nanoTime();
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
      round++;
      // park until woken only after a quiet spell; while lines come, poll on a short timer
      boolean mayPark = quiet >= QUIET_NAPS;
      boolean staged = !collectStaged(false, 0);
      int count = takeBatch(mayPark && !staged, staged);
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
      boolean nap;
      if (count > 0) {
        // after a batch that filled an eighth of the room, or with callers waiting for room or a
        // flush, go straight on
        nap =
            count < capacity / 8
                && lastBatchBytes < byteCapacity / 8
                && callersWaiting.get() == 0
                && flushersWaiting.get() == 0;
      } else {
        // nothing was there (callers waiting for room wait for a core then, not for the writer)
        nap = !mayPark || staged;
      }
      if (nap && !stopping) {
        writerNapping = true;
        LockSupport.parkNanos(this, NAP_NANOS);
        writerNapping = false;
      }
    }
    // closed: callers now write their own lines; what leases still stage goes out here
    collectStaged(true, System.nanoTime() + shutdownTimeout.toNanos());
    reportDrops();
  }

  /**
   * Swaps the filled batch for the empty one. With nothing queued it returns 0 at once, or when
   * {@code mayPark}, parks until a caller appends (or the poll interval ends). The number of events
   * taken, or -1 when stopping with nothing left (the writer is then closed: later events are
   * written by their callers).
   */
  private int takeBatch(boolean mayPark, boolean staged) {
    lock();
    try {
      if (events == 0) {
        if (stopping && !staged) {
          closed = true;
          return -1;
        }
        if (!mayPark) {
          return 0;
        }
        writerParked = true;
        unlock();
        try {
          // a caller that staged a first line before seeing the flag has set hasStaged: look
          if (!encoders.anyStaged()) {
            LockSupport.parkNanos(this, POLL_NANOS);
          }
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
    draining.shrink(byteCapacity);
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
