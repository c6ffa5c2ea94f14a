package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.logging.LogProfile;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * The logstash profile against the real logstash-logback-encoder: the same event, encoded by both,
 * gives the same field names in the same order and the same values.
 */
class LogstashProfileTest {

  private static final long TIME = 1_700_000_000_123L;

  @Test
  void writesWhatLogstashLogbackEncoderWritesForAPlainEvent() throws Exception {
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("correlation_id", "c-1");
    mdc.put("user", "alice");
    compare(20, null, mdc, List.of());
  }

  @Test
  void writesWhatLogstashLogbackEncoderWritesForAnErrorWithTraceIdsInTheMdc() throws Exception {
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    mdc.put("span_id", "00f067aa0ba902b7");
    mdc.put("correlation_id", "c-2");
    compare(40, new IllegalStateException("boom"), mdc, List.of());
  }

  @Test
  void writesTheServiceIdentityWhereLogbackContextPropertiesGo() throws Exception {
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put("service_name", "orders");
    identity.put("service_version", "1.2.3");
    compare(20, new RuntimeException("x"), Map.of("correlation_id", "c-3"), List.of(), identity);
  }

  @Test
  void writesWhatLogstashLogbackEncoderWritesForKeyValuesAndMarkers() throws Exception {
    compare(30, null, Map.of("a", "b"), List.of(new KeyValuePair("orderId", "o-42")));
  }

  private static void compare(
      int level, Throwable error, Map<String, String> mdc, List<KeyValuePair> kvs)
      throws Exception {
    compare(level, error, mdc, kvs, Map.of());
  }

  private static void compare(
      int level,
      Throwable error,
      Map<String, String> mdc,
      List<KeyValuePair> kvs,
      Map<String, String> identity)
      throws Exception {
    TimeZone zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    JsonNode theirs;
    try {
      theirs = logstash(level, error, mdc, kvs, identity);
    } finally {
      TimeZone.setDefault(zone);
    }
    MdcSnapshot snapshot = MdcSnapshot.EMPTY;
    for (Map.Entry<String, String> e : mdc.entrySet()) {
      snapshot = snapshot.with(e.getKey(), e.getValue());
    }
    BasicMarkerFactory markers = new BasicMarkerFactory();
    LogEvent event =
        new LogEvent(
            TIME,
            level,
            "com.acme.Orders",
            null,
            "worker-1",
            "order {} placed",
            new Object[] {42},
            error,
            snapshot,
            kvs.isEmpty() ? null : kvs,
            kvs.isEmpty() ? null : List.of(markers.getMarker("AUDIT")),
            null,
            null);
    LogConfig config =
        Events.config(
            "servicekit.log.profile",
            "logstash",
            "servicekit.service.name",
            identity.getOrDefault("service_name", ""),
            "servicekit.service.version",
            identity.getOrDefault("service_version", ""));
    JsonNode ours = Json.parse(Events.encode(config, event));

    assertThat(Json.fieldNames(ours)).isEqualTo(Json.fieldNames(theirs));
    for (String name : Json.fieldNames(theirs)) {
      if (!name.equals("stack_trace")) {
        assertThat(ours.get(name)).as(name).isEqualTo(theirs.get(name));
      }
    }
    if (error != null) {
      assertThat(ours.get("stack_trace").asText())
          .startsWith(theirs.get("stack_trace").asText().lines().findFirst().orElseThrow());
    }
    assertThat(LogProfile.LOGSTASH.reservedNames()).containsAll(standardNames(theirs, mdc, kvs));
  }

  private static List<String> standardNames(
      JsonNode line, Map<String, String> mdc, List<KeyValuePair> kvs) {
    return Json.fieldNames(line).stream()
        .filter(n -> !mdc.containsKey(n) && kvs.stream().noneMatch(p -> p.key.equals(n)))
        .filter(n -> !n.equals("trace_id") && !n.equals("span_id"))
        .toList();
  }

  private static JsonNode logstash(
      int level,
      Throwable error,
      Map<String, String> mdc,
      List<KeyValuePair> kvs,
      Map<String, String> identity)
      throws Exception {
    LoggerContext context = new LoggerContext();
    identity.forEach(context::putProperty);
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    LoggingEvent e =
        new LoggingEvent(
            LogstashProfileTest.class.getName(),
            context.getLogger("com.acme.Orders"),
            ch.qos.logback.classic.Level.toLevel(org.slf4j.event.Level.intToLevel(level).name()),
            "order {} placed",
            error,
            new Object[] {42});
    e.setTimeStamp(TIME);
    e.setThreadName("worker-1");
    e.setMDCPropertyMap(mdc);
    if (!kvs.isEmpty()) {
      kvs.forEach(e::addKeyValuePair);
      e.addMarker(new BasicMarkerFactory().getMarker("AUDIT"));
    }
    byte[] bytes = encoder.encode(e);
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    encoder.stop();
    return Json.parse(text);
  }
}
