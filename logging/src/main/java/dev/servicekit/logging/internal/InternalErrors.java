package dev.servicekit.logging.internal;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reports the logger's own problems on stderr: the first occurrence of each kind at once, then at
 * most one line per kind per minute with the number of occurrences left out in between. Never
 * throws.
 */
final class InternalErrors {

  private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final class Kind {
    long lastPrinted;
    long suppressed;
    boolean printed;
  }

  private final ConcurrentHashMap<String, Kind> kinds = new ConcurrentHashMap<>();

  void report(String what, Throwable cause) {
    try {
      Kind kind = kinds.computeIfAbsent(what, k -> new Kind());
      long now = System.nanoTime();
      long suppressed;
      synchronized (kind) {
        if (kind.printed && now - kind.lastPrinted < QUIET_NANOS) {
          kind.suppressed++;
          return;
        }
        suppressed = kind.suppressed;
        kind.suppressed = 0;
        kind.printed = true;
        kind.lastPrinted = now;
      }
      StringBuilder line = new StringBuilder("servicekit-logging: ").append(what);
      if (cause != null) {
        line.append(": ").append(cause.getClass().getName());
        String message = ThrowableWriter.message(cause);
        if (message != null) {
          line.append(": ").append(message);
        }
      }
      if (suppressed > 0) {
        line.append(" (").append(suppressed).append(" more since the last report)");
      }
      PrintStream err = System.err;
      err.println(line);
    } catch (Throwable ignored) {
      // reporting must never fail the caller
    }
  }
}
