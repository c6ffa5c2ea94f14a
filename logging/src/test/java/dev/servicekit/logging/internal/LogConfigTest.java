package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.logging.LogProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogConfigTest {

  @Test
  void systemPropertiesWinOverEnvironmentVariablesWhichWinOverDefaults() {
    LogConfig config =
        LogConfig.of(
            Map.of("servicekit.log.queue.size", "100"),
            Map.of(
                "SERVICEKIT_LOG_QUEUE_SIZE", "200",
                "SERVICEKIT_LOG_MAX_LINE_BYTES", "4096",
                "SERVICEKIT_LOG_PROFILE", "GCP"));
    assertThat(config.queueSize).isEqualTo(100);
    assertThat(config.maxLineBytes).isEqualTo(4096);
    assertThat(config.profile).isEqualTo(LogProfile.GCP);
    assertThat(config.output).isEqualTo(LogConfig.Output.STDOUT);
    assertThat(config.dropWhenFull).isFalse();
    assertThat(config.dropReportInterval).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void badValuesFallBackToDefaultsWithOneClearMessage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ConfigReader reader =
        new ConfigReader(
            Map.of(
                "servicekit.log.queue.size", "lots",
                "servicekit.log.profile", "xml",
                "servicekit.log.drop-report-interval", "soon"),
            Map.of(),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(reader.integer("servicekit.log.queue.size", 8192, 16, 100)).isEqualTo(8192);
    assertThat(
            reader.choice("servicekit.log.profile", LogProfile.ECS, Map.of("ecs", LogProfile.ECS)))
        .isEqualTo(LogProfile.ECS);
    assertThat(reader.duration("servicekit.log.drop-report-interval", Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofSeconds(10));
    String messages = err.toString(StandardCharsets.UTF_8);
    assertThat(messages)
        .contains("servicekit.log.queue.size=lots: expected an integer from 16 to 100")
        .contains("servicekit.log.profile=xml: expected one of ecs")
        .contains("servicekit.log.drop-report-interval=soon: expected a positive duration");
    assertThat(messages.lines()).hasSize(3);
  }

  @Test
  void fileOutputWithoutAFileFallsBackToStdout() {
    LogConfig config = Events.config("servicekit.log.output", "file");
    assertThat(config.output).isEqualTo(LogConfig.Output.STDOUT);
  }

  @Test
  void serviceIdentityFollowsTheCoreKeysInOrder() {
    LogConfig fromEnv =
        LogConfig.of(
            Map.of(),
            Map.of(
                "SERVICE_NAME", "from-service-name",
                "OTEL_SERVICE_NAME", "from-otel",
                "OTEL_RESOURCE_ATTRIBUTES", "service.version=2.0,deployment.environment=dev"));
    assertThat(fromEnv.serviceName).isEqualTo("from-service-name");
    assertThat(fromEnv.serviceVersion).isEqualTo("2.0");
    assertThat(fromEnv.environment).isEqualTo("dev");

    LogConfig fromProps =
        LogConfig.of(
            Map.of("servicekit.service.name", "prop"),
            Map.of("SERVICEKIT_SERVICE_NAME", "env", "OTEL_SERVICE_NAME", "otel"));
    assertThat(fromProps.serviceName).isEqualTo("prop");
    assertThat(LogConfig.of(Map.of(), Map.of("OTEL_SERVICE_NAME", "otel")).serviceName)
        .isEqualTo("otel");
  }

  @Test
  void readsTheInstanceIdCoreReadsAndLeavesItOutWhenUnset() {
    LogConfig config = LogConfig.of(Map.of(), Map.of("SERVICEKIT_SERVICE_INSTANCE_ID", "orders-1"));
    assertThat(config.serviceInstanceId).isEqualTo("orders-1");
    assertThat(Events.config().serviceInstanceId).isNull();
  }

  @Test
  void routesEveryOtherLoggingApiUnlessSwitchedOff() {
    LogConfig defaults = Events.config();
    assertThat(defaults.routeJul).isTrue();
    assertThat(defaults.routeSystemLogger).isTrue();
    assertThat(defaults.routeCommonsLogging).isTrue();
    assertThat(defaults.routeUncaught).isTrue();
    LogConfig off =
        LogConfig.of(
            Map.of("servicekit.log.jul", "false", "servicekit.log.uncaught", "off"),
            Map.of(
                "SERVICEKIT_LOG_SYSTEM_LOGGER", "false", "SERVICEKIT_LOG_COMMONS_LOGGING", "no"));
    assertThat(off.routeJul).isFalse();
    assertThat(off.routeSystemLogger).isFalse();
    assertThat(off.routeCommonsLogging).isFalse();
    assertThat(off.routeUncaught).isFalse();
  }

  @Test
  void readsRootAndPrefixLevelsFromEveryKey() {
    LogConfig config =
        LogConfig.of(
            Map.of("servicekit.log.level.com.acme", "debug"),
            Map.of("LOG_LEVEL", "warn", "SERVICEKIT_LOG_LEVELS", "org.x=error, org.y=trace"));
    LevelTable levels = config.levels();
    assertThat(levels.threshold("anything")).isEqualTo(30);
    assertThat(levels.threshold("com.acme.Orders")).isEqualTo(10);
    assertThat(levels.threshold("org.x.Y")).isEqualTo(40);
    assertThat(levels.threshold("org.y")).isEqualTo(0);

    LogConfig both =
        LogConfig.of(Map.of(), Map.of("LOG_LEVEL", "warn", "SERVICEKIT_LOG_LEVEL", "error"));
    assertThat(both.levels().threshold("a")).isEqualTo(40);
  }

  @Test
  void parsesDurationsInTheServicekitForms() {
    assertThat(ConfigReader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigReader.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ConfigReader.parseDuration("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(ConfigReader.parseDuration("10 s")).isNull();
  }
}
