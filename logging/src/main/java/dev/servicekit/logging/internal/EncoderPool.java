package dev.servicekit.logging.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Encoders with their line buffers, lent to the threads that log so each encodes its own events: a
 * caller takes a free one (a slot chosen by its thread id first), uses it and gives it back. No
 * thread keeps one, so a virtual thread costs nothing here. When every slot is taken, a caller gets
 * a fresh encoder that is not kept. Thread-safe.
 */
final class EncoderPool {

  /** Slots are {@code SPREAD} array elements apart so two busy slots share no cache line. */
  private static final int SPREAD = 16;

  private static final int KEEP_BYTES = 64 * 1024;

  /**
   * An encoder, the buffer it encodes one event into and an event to fill; used by one thread at a
   * time.
   */
  static final class Lease {
    final JsonEncoder encoder;
    final JsonBuffer buffer;
    final LogEvent event = new LogEvent();
    final int slot;

    /** Lines staged for the writer (see {@code AsyncWriter}); touched by the holder only. */
    final JsonBuffer staged = new JsonBuffer(1024);

    int stagedEvents;

    /** How many times staged lines moved on; a thread compares it with what it noted. */
    volatile int moves;

    /** Whether lines are staged: set by a holder, read by the writer without holding. */
    volatile boolean hasStaged;

    /** The writer's round when the first of the staged lines was staged. */
    volatile int stagedRound;

    private final Object[] one = new Object[1];
    private final Object[] two = new Object[2];

    Lease(LogConfig config, int slot) {
      this.encoder = new JsonEncoder(config);
      this.buffer = new JsonBuffer(1024);
      this.slot = slot;
    }

    /** This lease's array of {@code count} (1 or 2) arguments, filled. */
    Object[] arguments(int count, Object arg1, Object arg2) {
      if (count == 1) {
        one[0] = arg1;
        return one;
      }
      two[0] = arg1;
      two[1] = arg2;
      return two;
    }

    void clear() {
      event.clear();
      one[0] = null;
      two[0] = null;
      two[1] = null;
      buffer.reset();
      buffer.shrink(KEEP_BYTES);
    }
  }

  private final LogConfig config;

  /**
   * Per slot, 0 when free and 1 when lent: an int, so taking and giving back a lease stores no
   * reference (no garbage-collector write barrier on the hot path).
   */
  private final AtomicIntegerArray taken;

  /** The slots' leases, made when a slot is first taken. */
  private final Lease[] leases;

  private final int mask;

  EncoderPool(LogConfig config) {
    this.config = config;
    // leases are made only when first needed, so room for more threads than cores costs nothing
    int wanted = Math.max(16, Runtime.getRuntime().availableProcessors() * 4);
    int size = Integer.highestOneBit(Math.min(64, wanted - 1)) << 1;
    this.mask = size - 1;
    this.taken = new AtomicIntegerArray(size * SPREAD);
    this.leases = new Lease[size];
  }

  /** A free encoder with an empty buffer; give it back with {@link #release}. */
  Lease acquire() {
    return acquire(null);
  }

  /**
   * A free encoder, looked for first in the slot {@code thread} got last (then it keeps the slot it
   * gets), so each thread that logs often settles on a slot of its own.
   */
  Lease acquire(ReentrancyGuard.Entry thread) {
    if (thread != null && thread.stagedSlot >= 0) {
      Lease own = leases[thread.stagedSlot];
      if (own != null && own.moves == thread.stagedMoves && own.hasStaged) {
        // this thread's earlier lines still wait in that lease: only there do they keep order
        take(own, Long.MAX_VALUE);
        return own;
      }
      thread.stagedSlot = -1;
    }
    int start;
    if (thread != null && thread.slot >= 0) {
      start = thread.slot;
    } else {
      long id = Thread.currentThread().getId();
      start = (int) (id * 0x9E3779B97F4A7C15L >>> 40);
    }
    for (int i = 0; i <= mask; i++) {
      int slot = (start + i) & mask;
      if (taken.get(slot * SPREAD) == 0 && taken.compareAndSet(slot * SPREAD, 0, 1)) {
        Lease lease = leases[slot];
        if (lease == null) {
          // only the thread holding the slot writes it; the flag's release publishes it
          lease = new Lease(config, slot);
          leases[slot] = lease;
        }
        if (thread != null) {
          thread.slot = slot;
        }
        return lease;
      }
    }
    return new Lease(config, -1);
  }

  /** The slots' leases (null where none was made yet); read-only. */
  Lease[] leases() {
    return leases;
  }

  /** Whether any lease has staged lines. */
  boolean anyStaged() {
    for (Lease lease : leases) {
      if (lease != null && lease.hasStaged) {
        return true;
      }
    }
    return false;
  }

  /** Takes a pooled lease if it is free. */
  boolean tryTake(Lease lease) {
    int i = lease.slot * SPREAD;
    return taken.get(i) == 0 && taken.compareAndSet(i, 0, 1);
  }

  /**
   * Takes a pooled lease, waiting while another thread holds it (a holder keeps it for one call),
   * until {@code deadline} ({@link System#nanoTime}); true when taken.
   */
  boolean take(Lease lease, long deadline) {
    int spins = 0;
    while (!tryTake(lease)) {
      if (++spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** Gives back a lease taken with {@link #take} or {@link #tryTake}, as it is. */
  void giveBack(Lease lease) {
    taken.lazySet(lease.slot * SPREAD, 0);
  }

  /** Gives a lease back, its buffer and event emptied. */
  void release(Lease lease) {
    lease.clear();
    if (lease.slot >= 0) {
      taken.lazySet(lease.slot * SPREAD, 0);
    }
  }
}
