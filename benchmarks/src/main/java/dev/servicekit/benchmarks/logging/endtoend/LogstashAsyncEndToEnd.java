package dev.servicekit.benchmarks.logging.endtoend;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.openjdk.jmh.annotations.Fork;

/**
 * logstash-logback-encoder behind Logback's {@code AsyncAppender}, made lossless as servicekit's
 * policy {@code block} is: {@code neverBlock=false}, {@code discardingThreshold=0}, and the queue
 * as long as servicekit's default (8192).
 */
@Fork(
    value = 2,
    jvmArgsAppend = "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider")
public class LogstashAsyncEndToEnd extends LogstashEndToEnd {

  @Override
  Appender<ILoggingEvent> wrap(LoggerContext context, Appender<ILoggingEvent> appender) {
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("async");
    async.setNeverBlock(false);
    async.setDiscardingThreshold(0);
    async.setQueueSize(8192);
    async.addAppender(appender);
    async.start();
    return async;
  }
}
