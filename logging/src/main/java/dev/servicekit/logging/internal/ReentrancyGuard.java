package dev.servicekit.logging.internal;

/**
 * Marks threads that are inside the logger's own work (capturing an event, or being the writer
 * thread), so a log call made from there, for example from an argument's {@code toString()}, is
 * recognised instead of recursing or waiting on its own queue. The same per-thread entry remembers
 * which {@link EncoderPool} slot the thread used last, so threads settle on slots of their own.
 */
final class ReentrancyGuard {

  /** One thread's state. */
  static final class Entry {
    boolean inside;

    /** The pool slot this thread got last, or -1. */
    int slot = -1;

    /** The slot whose lease holds lines this thread staged, or -1; and its moves then. */
    int stagedSlot = -1;

    int stagedMoves;
  }

  private final ThreadLocal<Entry> entries = ThreadLocal.withInitial(Entry::new);

  /** Enters; false when the thread is already inside (then do not call {@link #exit}). */
  boolean enter() {
    return tryEnter() != null;
  }

  void exit() {
    entries.get().inside = false;
  }

  /** Enters and returns the thread's entry; null when already inside (then do not exit it). */
  Entry tryEnter() {
    Entry entry = entries.get();
    if (entry.inside) {
      return null;
    }
    entry.inside = true;
    return entry;
  }

  void exit(Entry entry) {
    entry.inside = false;
  }
}
