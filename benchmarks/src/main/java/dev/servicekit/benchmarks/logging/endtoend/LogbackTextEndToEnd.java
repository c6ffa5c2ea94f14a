package dev.servicekit.benchmarks.logging.endtoend;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Fork;

/**
 * Logback's {@code PatternLayout}: a plain-text line with the same fields (time, level, thread,
 * logger, MDC, message; the stack trace after it), written synchronously by an {@code
 * OutputStreamAppender}, one write per event.
 */
@Fork(
    value = 2,
    jvmArgsAppend = "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider")
public class LogbackTextEndToEnd extends LogbackEndToEnd {

  /** ISO-8601 UTC time, level, thread, logger, MDC, message. */
  static final String LAYOUT =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %level [%thread] %logger %mdc - %msg%n";

  private static final Pattern INFO_LINE =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO \\[[^\\]]+\\] "
              + Pattern.quote(LOGGER)
              + " correlation_id=7f3c9a2e-5b1d-4c8e-9f0a-1b2c3d4e5f60, user_id=u-98765, tenant=acme - "
              + Pattern.quote(MESSAGE));

  @Override
  Encoder<ILoggingEvent> encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(LAYOUT);
    encoder.start();
    return encoder;
  }

  @Override
  OutputStreamAppender<ILoggingEvent> appender() {
    return new OutputStreamAppender<>();
  }

  @Override
  boolean check(String text) {
    if (!text.contains("read timed out") || !text.endsWith("\n")) {
      return false;
    }
    String[] lines = text.split("\n");
    if (!INFO_LINE.matcher(lines[0]).matches()) {
      throw new IllegalStateException("unexpected info line: " + lines[0]);
    }
    if (!lines[1].contains(" ERROR ") || !lines[1].endsWith(MESSAGE)) {
      throw new IllegalStateException("unexpected error line: " + lines[1]);
    }
    // Logback writes the MDC as "k=v, ..." in its own order: check entries, not order
    for (String[] e : MDC_ENTRIES) {
      if (!lines[1].contains(e[0] + "=" + e[1])) {
        throw new IllegalStateException("error line lacks " + e[0] + ": " + lines[1]);
      }
    }
    expectStackTrace(text.substring(text.indexOf('\n') + 1));
    return true;
  }
}
