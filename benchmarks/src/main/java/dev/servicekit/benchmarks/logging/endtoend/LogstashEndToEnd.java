package dev.servicekit.benchmarks.logging.endtoend;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Fork;

/**
 * logstash-logback-encoder's {@code LogstashEncoder} with its defaults, written synchronously by an
 * {@code OutputStreamAppender}, one write per event.
 */
@Fork(
    value = 2,
    jvmArgsAppend = "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider")
public class LogstashEndToEnd extends LogbackEndToEnd {

  @Override
  Encoder<ILoggingEvent> encoder(LoggerContext context) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  @Override
  OutputStreamAppender<ILoggingEvent> appender() {
    return new OutputStreamAppender<>();
  }

  @Override
  boolean check(String text) throws IOException {
    List<JsonNode> lines = jsonLines(text);
    if (lines == null) {
      return false;
    }
    for (JsonNode line : lines) {
      field(line, "@timestamp");
      field(line, "@version");
    }
    expectCommon(lines.get(0), "level", "INFO", "logger_name", "thread_name");
    expectCommon(lines.get(1), "level", "ERROR", "logger_name", "thread_name");
    expectStackTrace(field(lines.get(1), "stack_trace"));
    return true;
  }
}
