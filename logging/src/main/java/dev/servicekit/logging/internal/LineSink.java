package dev.servicekit.logging.internal;

import java.io.IOException;

/**
 * Where encoded lines go. Each call carries whole lines; an implementation must keep one call's
 * bytes together (no interleaving with another call) and may be called from several threads.
 */
interface LineSink {

  /** Writes and flushes {@code len} bytes of complete lines. */
  void write(byte[] bytes, int off, int len) throws IOException;

  /**
   * True when the calling thread holds a lock that a write needs (the monitor of {@code
   * System.out}, for example), so waiting for the writer thread could never end.
   */
  default boolean lockedByCurrentThread() {
    return false;
  }

  /** Releases the sink; later writes may fail. */
  default void close() {}
}
