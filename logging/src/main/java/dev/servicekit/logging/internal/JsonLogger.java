package dev.servicekit.logging.internal;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/**
 * A named SLF4J logger that turns calls into {@link LogEvent}s. A disabled level costs one volatile
 * read. The one- and two-argument calls skip SLF4J's argument array (with SLF4J's rule: a {@link
 * Throwable} second argument is the exception). Implements {@link LoggingEventAware}, so the fluent
 * API's key-value pairs and markers arrive structured.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {

  private static final long serialVersionUID = 1L;

  private final transient JsonLoggerFactory factory;
  final transient byte[] nameJson;
  private transient volatile int threshold;

  JsonLogger(String name, JsonLoggerFactory factory, int threshold) {
    this.name = name;
    this.factory = factory;
    this.nameJson = JsonBuffer.quoted(name);
    this.threshold = threshold;
  }

  void threshold(int value) {
    threshold = value;
  }

  int threshold() {
    return threshold;
  }

  @Override
  public boolean isTraceEnabled() {
    return threshold <= 0;
  }

  @Override
  public boolean isDebugEnabled() {
    return threshold <= 10;
  }

  @Override
  public boolean isInfoEnabled() {
    return threshold <= 20;
  }

  @Override
  public boolean isWarnEnabled() {
    return threshold <= 30;
  }

  @Override
  public boolean isErrorEnabled() {
    return threshold <= 40;
  }

  @Override
  public void trace(String format, Object arg) {
    if (threshold <= 0) {
      factory.log(this, 0, format, arg);
    }
  }

  @Override
  public void trace(String format, Object arg1, Object arg2) {
    if (threshold <= 0) {
      factory.log(this, 0, format, arg1, arg2);
    }
  }

  @Override
  public void debug(String format, Object arg) {
    if (threshold <= 10) {
      factory.log(this, 10, format, arg);
    }
  }

  @Override
  public void debug(String format, Object arg1, Object arg2) {
    if (threshold <= 10) {
      factory.log(this, 10, format, arg1, arg2);
    }
  }

  @Override
  public void info(String format, Object arg) {
    if (threshold <= 20) {
      factory.log(this, 20, format, arg);
    }
  }

  @Override
  public void info(String format, Object arg1, Object arg2) {
    if (threshold <= 20) {
      factory.log(this, 20, format, arg1, arg2);
    }
  }

  @Override
  public void warn(String format, Object arg) {
    if (threshold <= 30) {
      factory.log(this, 30, format, arg);
    }
  }

  @Override
  public void warn(String format, Object arg1, Object arg2) {
    if (threshold <= 30) {
      factory.log(this, 30, format, arg1, arg2);
    }
  }

  @Override
  public void error(String format, Object arg) {
    if (threshold <= 40) {
      factory.log(this, 40, format, arg);
    }
  }

  @Override
  public void error(String format, Object arg1, Object arg2) {
    if (threshold <= 40) {
      factory.log(this, 40, format, arg1, arg2);
    }
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    factory.log(
        this,
        level.toInt(),
        marker == null ? null : List.of(marker),
        pattern,
        arguments,
        throwable,
        null,
        0L);
  }

  @Override
  public void log(LoggingEvent event) {
    try {
      Level level = event.getLevel();
      if (level == null || level.toInt() < threshold) {
        return;
      }
      Object[] args = event.getArgumentArray();
      Throwable throwable = event.getThrowable();
      if (throwable == null
          && args != null
          && args.length > 0
          && args[args.length - 1] instanceof Throwable) {
        throwable = (Throwable) args[args.length - 1];
        args = java.util.Arrays.copyOf(args, args.length - 1);
      }
      factory.log(
          this,
          level.toInt(),
          event.getMarkers(),
          event.getMessage(),
          args,
          throwable,
          event.getKeyValuePairs(),
          event.getTimeStamp());
    } catch (RuntimeException e) {
      factory.problem("could not capture a log event", e);
    }
  }
}
