package dev.servicekit.logging.internal;

import org.apache.commons.logging.Log;
import org.slf4j.Logger;

/**
 * A commons-logging {@link Log} over a servicekit-logging logger: {@code fatal} is written as
 * ERROR; a message object is written as its {@code toString()} (a throwing one as a placeholder).
 */
final class CommonsLog implements Log {

  private final Logger logger;

  CommonsLog(Logger logger) {
    this.logger = logger;
  }

  private static String text(Object message) {
    return message instanceof String ? (String) message : Arguments.safeToString(message);
  }

  @Override
  public boolean isTraceEnabled() {
    return logger.isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return logger.isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return logger.isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return logger.isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return logger.isErrorEnabled();
  }

  @Override
  public boolean isFatalEnabled() {
    return logger.isErrorEnabled();
  }

  @Override
  public void trace(Object message) {
    if (logger.isTraceEnabled()) {
      logger.trace(text(message));
    }
  }

  @Override
  public void trace(Object message, Throwable t) {
    if (logger.isTraceEnabled()) {
      logger.trace(text(message), t);
    }
  }

  @Override
  public void debug(Object message) {
    if (logger.isDebugEnabled()) {
      logger.debug(text(message));
    }
  }

  @Override
  public void debug(Object message, Throwable t) {
    if (logger.isDebugEnabled()) {
      logger.debug(text(message), t);
    }
  }

  @Override
  public void info(Object message) {
    if (logger.isInfoEnabled()) {
      logger.info(text(message));
    }
  }

  @Override
  public void info(Object message, Throwable t) {
    if (logger.isInfoEnabled()) {
      logger.info(text(message), t);
    }
  }

  @Override
  public void warn(Object message) {
    if (logger.isWarnEnabled()) {
      logger.warn(text(message));
    }
  }

  @Override
  public void warn(Object message, Throwable t) {
    if (logger.isWarnEnabled()) {
      logger.warn(text(message), t);
    }
  }

  @Override
  public void error(Object message) {
    if (logger.isErrorEnabled()) {
      logger.error(text(message));
    }
  }

  @Override
  public void error(Object message, Throwable t) {
    if (logger.isErrorEnabled()) {
      logger.error(text(message), t);
    }
  }

  @Override
  public void fatal(Object message) {
    error(message);
  }

  @Override
  public void fatal(Object message, Throwable t) {
    error(message, t);
  }
}
