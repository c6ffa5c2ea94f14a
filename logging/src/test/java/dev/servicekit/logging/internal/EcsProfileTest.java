package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.BasicMarkerFactory;

/** The ecs profile against the ecs-logging spec ({@code elastic/ecs-logging}, spec/spec.json). */
class EcsProfileTest {

  /** The spec's fields with {@code "required": true}. */
  private static final List<String> REQUIRED = List.of("@timestamp", "log.level", "ecs.version");

  /** The spec's fields with an {@code index}, in index order: a line starts with them. */
  private static final List<String> INDEXED = List.of("@timestamp", "log.level", "message");

  private static final LogConfig IDENTIFIED =
      LogConfig.of(
          Map.of(
              "servicekit.service.name", "Order-Service",
              "servicekit.service.version", "1.2.3",
              "servicekit.service.environment", "prod",
              "servicekit.service.instance-id", "orders-7f3a"),
          Map.of());

  @Test
  void everyLineHasTheSpecsRequiredFieldsAndStartsWithItsIndexedOnes() {
    for (LogConfig config : List.of(IDENTIFIED, Events.config())) {
      for (int level = 0; level <= 40; level += 10) {
        JsonNode line =
            Json.parse(
                Events.encode(
                    config, Events.event(level, "m", null, null, MdcSnapshot.EMPTY, null, null)));
        assertThat(Json.fieldNames(line)).containsAll(REQUIRED);
        assertThat(Json.fieldNames(line).subList(0, 3)).isEqualTo(INDEXED);
        assertThat(line.get("ecs.version").asText()).matches("\\d+\\.\\d+\\.\\d+");
      }
    }
  }

  @Test
  void writesEveryStandardFieldInTheDocumentedOrder() {
    BasicMarkerFactory markers = new BasicMarkerFactory();
    LogEvent e =
        new LogEvent(
            1_700_000_000_123L,
            40,
            "com.acme.Orders",
            null,
            "worker-1",
            "order {} failed",
            new Object[] {42},
            new IllegalStateException("boom"),
            Events.mdc("correlation_id", "abc"),
            List.of(new KeyValuePair("orderId", 42)),
            List.of(markers.getMarker("AUDIT")),
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7");
    JsonNode line = Json.parse(Events.encode(IDENTIFIED, e));

    assertThat(Json.fieldNames(line))
        .containsExactly(
            "@timestamp",
            "log.level",
            "message",
            "ecs.version",
            "service.name",
            "service.version",
            "service.environment",
            "service.node.name",
            "event.dataset",
            "process.thread.name",
            "log.logger",
            "trace.id",
            "span.id",
            "error.type",
            "error.message",
            "error.stack_trace",
            "tags",
            "correlation_id",
            "orderId");
    assertThat(line.get("@timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
    assertThat(line.get("log.level").asText()).isEqualTo("ERROR");
    assertThat(line.get("message").asText()).isEqualTo("order 42 failed");
    assertThat(line.get("service.name").asText()).isEqualTo("Order-Service");
    assertThat(line.get("service.node.name").asText()).isEqualTo("orders-7f3a");
    assertThat(line.get("error.stack_trace").asText())
        .startsWith("java.lang.IllegalStateException: boom\n\tat ");
    assertThat(line.get("tags").get(0).asText()).isEqualTo("AUDIT");
  }

  @Test
  void theDatasetDefaultsToTheServiceNameDotLogSanitisedAsTheSpecSays() {
    JsonNode line = Json.parse(Events.encode(IDENTIFIED, Events.event("m")));
    assertThat(line.get("event.dataset").asText()).isEqualTo("order_service.log");
    LogConfig configured = Events.config("servicekit.log.dataset", "Orders/Access Log");
    assertThat(
            Json.parse(Events.encode(configured, Events.event("m"))).get("event.dataset").asText())
        .isEqualTo("orders_access_log");
    assertThat(LogConfig.dataset("x".repeat(150))).hasSize(100);
  }

  @Test
  void leavesOutIdentityFieldsThatAreNotConfigured() {
    JsonNode line = Json.parse(Events.encode(Events.config(), Events.event("m")));
    assertThat(Json.fieldNames(line))
        .containsExactly(
            "@timestamp",
            "log.level",
            "message",
            "ecs.version",
            "process.thread.name",
            "log.logger");
  }
}
