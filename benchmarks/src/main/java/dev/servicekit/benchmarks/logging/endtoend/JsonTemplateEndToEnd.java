package dev.servicekit.benchmarks.logging.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.openjdk.jmh.annotations.Fork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log4j2's {@code JsonTemplateLayout} with its ECS template, written synchronously by an {@code
 * OutputStreamAppender} (immediate flush: one write per event), through log4j-slf4j2-impl.
 */
@Fork(value = 2, jvmArgsAppend = "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider")
public class JsonTemplateEndToEnd extends EndToEnd {

  private OutputStreamAppender appender;

  @Override
  Logger start(Sink out) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    JsonTemplateLayout layout =
        JsonTemplateLayout.newBuilder()
            .setConfiguration(config)
            .setEventTemplateUri("classpath:EcsLayout.json")
            .build();
    appender =
        OutputStreamAppender.newBuilder()
            .setName("sink")
            .setTarget(out)
            .setLayout(layout)
            .setImmediateFlush(true)
            .setConfiguration(config)
            .build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    for (String name : List.copyOf(root.getAppenders().keySet())) {
      root.removeAppender(name);
    }
    root.addAppender(appender, Level.INFO, null);
    root.setLevel(Level.INFO);
    context.updateLoggers();
    return LoggerFactory.getLogger(LOGGER);
  }

  @Override
  String expectedFactory() {
    return "org.apache.logging.slf4j.Log4jLoggerFactory";
  }

  @Override
  boolean check(String text) throws IOException {
    List<JsonNode> lines = jsonLines(text);
    if (lines == null) {
      return false;
    }
    for (JsonNode line : lines) {
      field(line, "@timestamp");
      field(line, "ecs.version");
    }
    expectCommon(lines.get(0), "log.level", "INFO", "log.logger", "process.thread.name");
    expectCommon(lines.get(1), "log.level", "ERROR", "log.logger", "process.thread.name");
    expect(lines.get(1), "error.type", "java.lang.IllegalStateException");
    expectStackTrace(field(lines.get(1), "error.stack_trace"));
    return true;
  }

  @Override
  void stop() {
    appender.stop();
  }
}
