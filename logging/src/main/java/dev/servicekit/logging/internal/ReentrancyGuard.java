package dev.servicekit.logging.internal;

/**
 * Marks threads that are inside the logger's own work (capturing an event, or being the writer
 * thread), so a log call made from there, for example from an argument's {@code toString()}, is
 * recognised instead of recursing or waiting on its own queue.
 */
final class ReentrancyGuard {

  private final ThreadLocal<boolean[]> inside = ThreadLocal.withInitial(() -> new boolean[1]);

  /** Enters; false when the thread is already inside (then do not call {@link #exit}). */
  boolean enter() {
    boolean[] flag = inside.get();
    if (flag[0]) {
      return false;
    }
    flag[0] = true;
    return true;
  }

  void exit() {
    inside.get()[0] = false;
  }
}
