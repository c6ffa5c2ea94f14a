package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogLineParserTest {

  private static LogEvent event(String line) {
    LogLineParser.Result result = LogLineParser.parse(line, "logs/orders.log", 7);
    assertThat(result.kind()).isEqualTo(LogLineParser.Kind.EVENT);
    return result.event().orElseThrow();
  }

  @Test
  void readsEcsLinesWithFlatDottedKeys() {
    LogEvent e =
        event(
            "{\"@timestamp\":\"2026-11-23T14:16:23.120Z\",\"log.level\":\"INFO\","
                + "\"message\":\"order received\",\"service.name\":\"orders\","
                + "\"service.instance.id\":\"orders-1\",\"log.logger\":\"a.B\","
                + "\"correlation_id\":\"c-1\",\"trace.id\":\"4bf9\"}");

    assertThat(e.timestamp()).contains(Instant.parse("2026-11-23T14:16:23.120Z"));
    assertThat(e.level()).isEqualTo(Level.INFO);
    assertThat(e.service()).isEqualTo("orders");
    assertThat(e.instance()).isEqualTo("orders-1");
    assertThat(e.logger()).isEqualTo("a.B");
    assertThat(e.message()).isEqualTo("order received");
    assertThat(e.correlationId()).isEqualTo("c-1");
    assertThat(e.traceId()).isEqualTo("4bf9");
    assertThat(e.source()).isEqualTo("logs/orders.log");
    assertThat(e.lineNumber()).isEqualTo(7);
  }

  @Test
  void readsEcsLinesWithNestedKeys() {
    LogEvent e =
        event(
            "{\"@timestamp\":\"2026-11-23T14:16:23.120Z\",\"log\":{\"level\":\"WARN\"},"
                + "\"service\":{\"name\":\"inventory\",\"instance\":{\"id\":\"inv-2\"}},"
                + "\"trace\":{\"id\":\"abc\"},\"message\":\"m\"}");

    assertThat(e.level()).isEqualTo(Level.WARN);
    assertThat(e.service()).isEqualTo("inventory");
    assertThat(e.instance()).isEqualTo("inv-2");
    assertThat(e.traceId()).isEqualTo("abc");
  }

  @Test
  void readsLogstashLinesWithOffsetTimestampsAndStackTraces() {
    LogEvent e =
        event(
            "{\"@timestamp\":\"2026-11-23T15:16:23.150+01:00\",\"level\":\"ERROR\","
                + "\"logger_name\":\"x.Y\",\"message\":\"failed\",\"correlation_id\":\"c-5\","
                + "\"stack_trace\":\"java.io.IOException: timed out\\n\\tat x.Y.z(Y.java:1)\"}");

    assertThat(e.timestamp()).contains(Instant.parse("2026-11-23T14:16:23.150Z"));
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.logger()).isEqualTo("x.Y");
    assertThat(e.error()).isEqualTo("java.io.IOException: timed out");
  }

  @Test
  void readsGcpLinesWithTraceResourceNamesAndLabels() {
    LogEvent e =
        event(
            "{\"timestamp\":{\"seconds\":1795443383,\"nanos\":130000000},"
                + "\"severity\":\"WARNING\",\"message\":\"low\","
                + "\"logging.googleapis.com/trace\":\"projects/demo/traces/0af765\","
                + "\"logging.googleapis.com/labels\":{\"correlation_id\":\"c-5\"},"
                + "\"serviceContext\":{\"service\":\"inventory\"}}");

    assertThat(e.timestamp()).contains(Instant.parse("2026-11-23T14:16:23.130Z"));
    assertThat(e.level()).isEqualTo(Level.WARN);
    assertThat(e.traceId()).isEqualTo("0af765");
    assertThat(e.correlationId()).isEqualTo("c-5");
    assertThat(e.service()).isEqualTo("inventory");
  }

  @Test
  void combinesErrorTypeAndMessage() {
    LogEvent e =
        event(
            "{\"message\":\"m\",\"error.type\":\"java.net.ConnectException\","
                + "\"error.message\":\"Connection refused\"}");

    assertThat(e.error()).isEqualTo("java.net.ConnectException: Connection refused");
  }

  @Test
  void fallsBackToTheFileNameForTheServiceAndToEmptyFields() {
    LogEvent e = event("{\"message\":\"bare\"}");

    assertThat(e.service()).isEqualTo("orders");
    assertThat(e.timestamp()).isEmpty();
    assertThat(e.level()).isEqualTo(Level.UNKNOWN);
    assertThat(e.correlationId()).isEmpty();
    assertThat(e.error()).isEmpty();
  }

  @Test
  void classifiesBlankPlainTextAndMalformedLines() {
    assertThat(LogLineParser.parse("   ", "f", 1).kind()).isEqualTo(LogLineParser.Kind.BLANK);
    assertThat(LogLineParser.parse("OpenJDK warning", "f", 1).kind())
        .isEqualTo(LogLineParser.Kind.NOT_JSON);
    assertThat(LogLineParser.parse("[1,2]", "f", 1).kind()).isEqualTo(LogLineParser.Kind.NOT_JSON);
    assertThat(LogLineParser.parse("{\"message\":\"torn", "f", 1).kind())
        .isEqualTo(LogLineParser.Kind.MALFORMED);
    assertThat(LogLineParser.parse("\uFEFF{\"message\":\"bom\"}", "f", 1).kind())
        .isEqualTo(LogLineParser.Kind.EVENT);
  }

  @Test
  void lookupFindsFlatNestedAndMixedDottedNames() throws Exception {
    JsonNode fields =
        new ObjectMapper().readTree("{\"a.b\":{\"c\":\"mixed\"},\"x\":{\"y.z\":\"inner-flat\"}}");

    assertThat(LogLineParser.lookup(fields, "a.b.c")).contains(TextNode.valueOf("mixed"));
    assertThat(LogLineParser.lookup(fields, "x.y.z")).contains(TextNode.valueOf("inner-flat"));
    assertThat(LogLineParser.lookup(fields, "x.q")).isEmpty();
  }

  @Test
  void rejectsWhatStrictJsonRejects() {
    for (String bad :
        new String[] {
          "{\"a\":1}{\"b\":2}",
          "{\"a\":1,}",
          "{\"a\":01}",
          "{\"a\":\"x\ty\"}",
          "{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}"
        }) {
      assertThat(LogLineParser.parse(bad, "f", 1).kind())
          .as(bad)
          .isEqualTo(LogLineParser.Kind.MALFORMED);
    }
  }

  @Test
  void aRepeatedKeyKeepsItsLastValue() {
    LogEvent e =
        LogLineParser.parse("{\"message\":\"one\",\"message\":\"two\"}", "f", 1)
            .event()
            .orElseThrow();
    assertThat(e.message()).isEqualTo("two");
  }

  @Test
  void parsesCommonTimestampForms() {
    Instant expected = Instant.parse("2026-11-23T14:16:23.120Z");

    assertThat(LogLineParser.parseInstant("2026-11-23T14:16:23.120Z")).contains(expected);
    assertThat(LogLineParser.parseInstant("2026-11-23T15:16:23.120+0100")).contains(expected);
    assertThat(LogLineParser.parseInstant("2026-11-23 14:16:23.120")).contains(expected);
    assertThat(LogLineParser.parseInstant("yesterday")).isEqualTo(Optional.empty());
  }

  @Test
  void readsEpochMillisecondTimestamps() {
    LogEvent e = event("{\"timestamp\":1795443383120,\"message\":\"m\"}");

    assertThat(e.timestamp()).contains(Instant.parse("2026-11-23T14:16:23.120Z"));
  }
}
