package dev.servicekit.benchmarks.logging.endtoend;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logback with one appender on the root logger, writing to the {@link Sink}. */
abstract class LogbackEndToEnd extends EndToEnd {

  private LoggerContext context;
  private Appender<ILoggingEvent> appender;

  abstract Encoder<ILoggingEvent> encoder(LoggerContext context);

  abstract OutputStreamAppender<ILoggingEvent> appender();

  /** The appender the root logger gets: by default the output stream appender itself. */
  Appender<ILoggingEvent> wrap(LoggerContext context, Appender<ILoggingEvent> appender) {
    return appender;
  }

  @Override
  Logger start(Sink out) {
    context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    OutputStreamAppender<ILoggingEvent> stream = appender();
    stream.setContext(context);
    stream.setName("sink");
    stream.setEncoder(encoder(context));
    stream.setImmediateFlush(true);
    stream.setOutputStream(out);
    stream.start();
    appender = wrap(context, stream);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    return LoggerFactory.getLogger(LOGGER);
  }

  @Override
  String expectedFactory() {
    return "ch.qos.logback.classic.LoggerContext";
  }

  @Override
  void stop() {
    appender.stop();
    context.stop();
  }
}
