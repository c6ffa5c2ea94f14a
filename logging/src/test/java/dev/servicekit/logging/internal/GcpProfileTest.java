package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gcp profile against Cloud Logging's structured-logging special fields and Error Reporting's
 * log-entry format.
 */
class GcpProfileTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void writesTheTraceAsAResourceNameWhenTheProjectIsKnown() {
    LogConfig config =
        LogConfig.of(
            Map.of("servicekit.log.profile", "gcp", "servicekit.log.gcp.project", "p1"), Map.of());
    JsonNode line = Json.parse(Events.encode(config, traced(true)));
    assertThat(line.get("logging.googleapis.com/trace").asText())
        .isEqualTo("projects/p1/traces/" + TRACE);
    assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(line.get("logging.googleapis.com/trace_sampled").isBoolean()).isTrue();
    assertThat(line.get("logging.googleapis.com/trace_sampled").asBoolean()).isTrue();
  }

  @Test
  void takesTheProjectFromGoogleCloudProjectWhenNotConfigured() {
    LogConfig config =
        LogConfig.of(
            Map.of("servicekit.log.profile", "gcp"), Map.of("GOOGLE_CLOUD_PROJECT", "from-env"));
    JsonNode line = Json.parse(Events.encode(config, traced(false)));
    assertThat(line.get("logging.googleapis.com/trace").asText())
        .isEqualTo("projects/from-env/traces/" + TRACE);
    assertThat(line.get("logging.googleapis.com/trace_sampled").asBoolean()).isFalse();
  }

  @Test
  void writesTheBareTraceIdWithoutAProject() {
    LogConfig config = Events.config("servicekit.log.profile", "gcp");
    JsonNode line = Json.parse(Events.encode(config, traced(true)));
    assertThat(line.get("logging.googleapis.com/trace").asText()).isEqualTo(TRACE);
  }

  @Test
  void writesSeverityNamesAndTimeFirst() {
    LogConfig config = Events.config("servicekit.log.profile", "gcp");
    String[] expected = {"DEBUG", "DEBUG", "INFO", "WARNING", "ERROR"};
    for (int level = 0; level <= 40; level += 10) {
      JsonNode line =
          Json.parse(
              Events.encode(
                  config, Events.event(level, "m", null, null, MdcSnapshot.EMPTY, null, null)));
      assertThat(Json.fieldNames(line)).startsWith("time", "severity", "message");
      assertThat(line.get("severity").asText()).isEqualTo(expected[level / 10]);
    }
    assertThat(
            Json.parse(Events.encode(config, Events.event("m")))
                .has("logging.googleapis.com/trace"))
        .isFalse();
  }

  @Test
  void writesTheServiceIdentityAsLabels() {
    LogConfig config =
        LogConfig.of(
            Map.of(
                "servicekit.log.profile", "gcp",
                "servicekit.service.name", "orders",
                "servicekit.service.instance-id", "orders-1"),
            Map.of());
    JsonNode labels =
        Json.parse(Events.encode(config, Events.event("m"))).get("logging.googleapis.com/labels");
    assertThat(Json.fieldNames(labels)).containsExactly("service.name", "service.instance.id");
    assertThat(labels.get("service.name").asText()).isEqualTo("orders");
  }

  @Test
  void anErrorIsAReportedErrorEventWithServiceContextAndStackTrace() {
    LogConfig config =
        LogConfig.of(
            Map.of(
                "servicekit.log.profile", "gcp",
                "servicekit.service.name", "orders",
                "servicekit.service.version", "1.4.0"),
            Map.of());
    JsonNode line =
        Json.parse(
            Events.encode(
                config,
                Events.event(
                    40,
                    "payment failed",
                    null,
                    new IllegalStateException("card declined"),
                    MdcSnapshot.EMPTY,
                    null,
                    null)));
    assertThat(line.get("@type").asText())
        .isEqualTo(
            "type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent");
    assertThat(line.get("serviceContext").get("service").asText()).isEqualTo("orders");
    assertThat(line.get("serviceContext").get("version").asText()).isEqualTo("1.4.0");
    assertThat(line.get("stack_trace").asText())
        .startsWith("java.lang.IllegalStateException: card declined\n\tat ");
    assertThat(line.get("message").asText()).isEqualTo("payment failed");
  }

  @Test
  void leavesOutTheServiceContextWhenNoIdentityIsKnown() {
    LogConfig config = Events.config("servicekit.log.profile", "gcp");
    JsonNode line =
        Json.parse(
            Events.encode(
                config,
                Events.event(
                    40, "m", null, new IllegalStateException("x"), MdcSnapshot.EMPTY, null, null)));
    assertThat(line.has("@type")).isTrue();
    assertThat(line.has("serviceContext")).isFalse();
  }

  @Test
  void aLineWithoutAnErrorIsNoErrorEvent() {
    LogConfig config = Events.config("servicekit.log.profile", "gcp");
    JsonNode line = Json.parse(Events.encode(config, Events.event("fine")));
    assertThat(line.has("@type")).isFalse();
    assertThat(line.has("serviceContext")).isFalse();
  }

  private static LogEvent traced(boolean sampled) {
    return new LogEvent(
        0L,
        30,
        "l",
        null,
        "t",
        "careful",
        null,
        null,
        null,
        null,
        null,
        TRACE,
        "00f067aa0ba902b7",
        sampled);
  }
}
