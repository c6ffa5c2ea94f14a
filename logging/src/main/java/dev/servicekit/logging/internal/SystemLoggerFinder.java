package dev.servicekit.logging.internal;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Routes {@link System.Logger} (used by the JDK itself, e.g. {@code com.sun.net.httpserver} and
 * {@code java.net.http}) into servicekit-logging. Found by the JDK through {@code
 * META-INF/services/java.lang.System$LoggerFinder} the first time {@link System#getLogger} is
 * called. When servicekit-logging is not the SLF4J provider, or {@code
 * servicekit.log.system-logger=false}, loggers go to {@code java.util.logging} as the JDK's own
 * default does.
 */
public final class SystemLoggerFinder extends System.LoggerFinder {

  /** Called by the JDK's {@code ServiceLoader}. */
  public SystemLoggerFinder() {}

  @Override
  public System.Logger getLogger(String name, Module module) {
    String n = String.valueOf(name);
    try {
      JsonLoggerFactory f = Bridges.activeFactory();
      if (f != null && f.config().routeSystemLogger) {
        return new SystemLoggerBridge(n);
      }
    } catch (RuntimeException | LinkageError e) {
      // fall through to the JDK's behaviour
    }
    return new JulSystemLogger(java.util.logging.Logger.getLogger(n));
  }

  /** A {@link System.Logger} writing into an SLF4J logger of servicekit-logging. */
  static final class SystemLoggerBridge implements System.Logger {
    private final String name;
    private volatile org.slf4j.Logger delegate;

    SystemLoggerBridge(String name) {
      this.name = name;
    }

    private org.slf4j.Logger delegate() {
      org.slf4j.Logger d = delegate;
      if (d == null) {
        d = org.slf4j.LoggerFactory.getLogger(name);
        delegate = d;
      }
      return d;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      try {
        return level != Level.OFF && delegate().isEnabledForLevel(slf4j(level));
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (!isLoggable(level)) {
        return;
      }
      try {
        delegate().atLevel(slf4j(level)).setMessage(localized(bundle, msg)).setCause(thrown).log();
      } catch (RuntimeException | LinkageError e) {
        // logging never throws into the caller
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (!isLoggable(level)) {
        return;
      }
      try {
        String pattern = localized(bundle, format);
        String text =
            params == null || params.length == 0
                ? pattern
                : java.text.MessageFormat.format(pattern, params);
        delegate().atLevel(slf4j(level)).setMessage(text).log();
      } catch (RuntimeException | LinkageError e) {
        // a bad pattern is written as it is rather than failing
        try {
          delegate().atLevel(slf4j(level)).setMessage(String.valueOf(format)).log();
        } catch (RuntimeException | LinkageError e2) {
          // logging never throws into the caller
        }
      }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      if (isLoggable(level)) {
        log(level, null, safe(msgSupplier), (Throwable) null);
      }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier, Throwable thrown) {
      if (isLoggable(level)) {
        log(level, null, safe(msgSupplier), thrown);
      }
    }

    private static String safe(Supplier<String> s) {
      try {
        return s == null ? "null" : s.get();
      } catch (RuntimeException e) {
        return "[message supplier failed: " + e.getClass().getName() + "]";
      }
    }

    private static String localized(ResourceBundle bundle, String key) {
      if (bundle != null && key != null) {
        try {
          return bundle.getString(key);
        } catch (RuntimeException e) {
          return key;
        }
      }
      return key;
    }

    static org.slf4j.event.Level slf4j(Level level) {
      switch (level) {
        case ALL:
        case TRACE:
          return org.slf4j.event.Level.TRACE;
        case DEBUG:
          return org.slf4j.event.Level.DEBUG;
        case INFO:
          return org.slf4j.event.Level.INFO;
        case WARNING:
          return org.slf4j.event.Level.WARN;
        default:
          return org.slf4j.event.Level.ERROR;
      }
    }
  }

  /** The JDK's own default: a {@link System.Logger} over a {@code java.util.logging} logger. */
  static final class JulSystemLogger implements System.Logger {
    private final java.util.logging.Logger jul;

    JulSystemLogger(java.util.logging.Logger jul) {
      this.jul = jul;
    }

    @Override
    public String getName() {
      return jul.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
      return level != Level.OFF && jul.isLoggable(julLevel(level));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        jul.logrb(julLevel(level), bundle, msg, thrown);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        jul.logrb(julLevel(level), bundle, format, params);
      }
    }

    private static java.util.logging.Level julLevel(Level level) {
      switch (level) {
        case ALL:
          return java.util.logging.Level.ALL;
        case TRACE:
          return java.util.logging.Level.FINER;
        case DEBUG:
          return java.util.logging.Level.FINE;
        case INFO:
          return java.util.logging.Level.INFO;
        case WARNING:
          return java.util.logging.Level.WARNING;
        case ERROR:
          return java.util.logging.Level.SEVERE;
        default:
          return java.util.logging.Level.OFF;
      }
    }
  }
}
