package dev.servicekit.logging.internal;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A {@code java.util.logging} handler on the root logger that writes every record through
 * servicekit-logging, in place of the JDK's {@link ConsoleHandler} (which prints two plain-text
 * lines per record on stderr). Levels map as SLF4J's jul-to-slf4j maps them: FINEST and FINER to
 * TRACE, FINE and CONFIG to DEBUG, INFO to INFO, WARNING to WARN, SEVERE to ERROR. Never throws.
 */
final class JulBridge extends Handler {

  /** Formats {@code {0}} parameters and resource bundles as JUL's own formatters do. */
  private static final Formatter MESSAGES =
      new Formatter() {
        @Override
        public String format(LogRecord record) {
          return formatMessage(record);
        }
      };

  private JulBridge() {}

  /**
   * Replaces the root logger's console handlers with this bridge and lowers the root logger's level
   * to the most verbose servicekit threshold, so records servicekit would write reach it.
   */
  static void install(LevelTable levels) {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleHandler || h instanceof JulBridge) {
        root.removeHandler(h);
      }
    }
    root.addHandler(new JulBridge());
    root.setLevel(julLevel(levels.mostVerbose()));
  }

  @Override
  public void publish(LogRecord record) {
    try {
      if (record == null) {
        return;
      }
      Logger logger = LoggerFactory.getLogger(String.valueOf(record.getLoggerName()));
      org.slf4j.event.Level level = slf4jLevel(record.getLevel());
      if (!logger.isEnabledForLevel(level)) {
        return;
      }
      LoggingEventBuilder b = logger.atLevel(level).setMessage(message(record));
      if (record.getThrown() != null) {
        b = b.setCause(record.getThrown());
      }
      b.log();
    } catch (RuntimeException | LinkageError e) {
      // logging never throws into the caller
    }
  }

  private static String message(LogRecord record) {
    try {
      return MESSAGES.format(record);
    } catch (RuntimeException e) {
      return String.valueOf(record.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  static org.slf4j.event.Level slf4jLevel(Level level) {
    int v = level == null ? Level.INFO.intValue() : level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return org.slf4j.event.Level.ERROR;
    } else if (v >= Level.WARNING.intValue()) {
      return org.slf4j.event.Level.WARN;
    } else if (v >= Level.INFO.intValue()) {
      return org.slf4j.event.Level.INFO;
    } else if (v >= Level.FINE.intValue()) {
      return org.slf4j.event.Level.DEBUG;
    }
    return org.slf4j.event.Level.TRACE;
  }

  /** The JUL level that lets through what an SLF4J threshold (0 ... 40, 50 off) lets through. */
  static Level julLevel(int threshold) {
    if (threshold <= 0) {
      return Level.FINEST;
    } else if (threshold <= 10) {
      return Level.FINE;
    } else if (threshold <= 20) {
      return Level.INFO;
    } else if (threshold <= 30) {
      return Level.WARNING;
    } else if (threshold <= 40) {
      return Level.SEVERE;
    }
    return Level.OFF;
  }
}
