package dev.servicekit.logging.internal;

import org.slf4j.LoggerFactory;

/**
 * The default uncaught-exception handler: one ERROR line with the exception, on the dying thread,
 * instead of the JVM's plain-text {@code Exception in thread ...} on stderr. A handler the
 * application installed before is kept and called after the line is logged.
 */
final class UncaughtExceptionLogger implements Thread.UncaughtExceptionHandler {

  /** The logger name of these lines. */
  static final String LOGGER = "servicekit.uncaught";

  private final Thread.UncaughtExceptionHandler previous;

  private UncaughtExceptionLogger(Thread.UncaughtExceptionHandler previous) {
    this.previous = previous;
  }

  static void install() {
    Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
    if (!(current instanceof UncaughtExceptionLogger)) {
      Thread.setDefaultUncaughtExceptionHandler(new UncaughtExceptionLogger(current));
    }
  }

  @Override
  public void uncaughtException(Thread t, Throwable e) {
    try {
      LoggerFactory.getLogger(LOGGER)
          .error("uncaught exception in thread \"{}\"", t == null ? "?" : t.getName(), e);
    } catch (RuntimeException | LinkageError failure) {
      // logging never throws; the previous handler still runs
    }
    if (previous != null) {
      previous.uncaughtException(t, e);
    }
  }
}
