package dev.servicekit.logging.internal;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Routes the JVM's other logging APIs into servicekit-logging, so every line the JVM writes is
 * JSON: {@code java.util.logging} (a root handler, {@link JulBridge}) and uncaught exceptions
 * ({@link UncaughtExceptionLogger}) are installed here when the provider starts; {@code
 * System.Logger} ({@link SystemLoggerFinder}) and commons-logging ({@link CommonsLogFactory}) are
 * found by their own discovery and ask {@link #activeFactory()} whether to route. Each has an off
 * switch: {@code servicekit.log.jul}, {@code servicekit.log.uncaught}, {@code
 * servicekit.log.system-logger}, {@code servicekit.log.commons-logging}.
 */
final class Bridges {

  private Bridges() {}

  /** Installs the JUL handler and the uncaught-exception handler, as the configuration says. */
  static void install(LogConfig config, JsonLoggerFactory factory) {
    if (config.routeJul) {
      try {
        JulBridge.install(config.levels());
        factory.julInstalled(true);
      } catch (RuntimeException | LinkageError e) {
        factory.problem("could not route java.util.logging", e);
      }
    }
    if (config.routeUncaught) {
      try {
        UncaughtExceptionLogger.install();
      } catch (RuntimeException e) {
        factory.problem("could not install the uncaught exception handler", e);
      }
    }
  }

  /** The running servicekit-logging when it is the bound SLF4J provider, else null. */
  static JsonLoggerFactory activeFactory() {
    ILoggerFactory f = LoggerFactory.getILoggerFactory();
    return f instanceof JsonLoggerFactory ? (JsonLoggerFactory) f : null;
  }
}
