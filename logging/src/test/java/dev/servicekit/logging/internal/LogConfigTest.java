package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.GrammarCases;
import dev.servicekit.config.Values;
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
        .contains(
            "servicekit-logging: Invalid configuration servicekit.log.queue.size='lots' (from"
                + " system property servicekit.log.queue.size): expected an integer from 16 to"
                + " 100; using the default 8192")
        .contains("servicekit.log.profile='xml' (from system property servicekit.log.profile):")
        .contains(
            "servicekit.log.drop-report-interval='soon' (from system property"
                + " servicekit.log.drop-report-interval): expected "
                + dev.servicekit.config.Values.DURATION);
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
    assertThat(fromEnv.configured().serviceName()).isEqualTo("from-service-name");
    assertThat(fromEnv.configured().serviceVersion()).isEqualTo("2.0");
    assertThat(fromEnv.configured().environment()).isEqualTo("dev");

    LogConfig fromProps =
        LogConfig.of(
            Map.of("servicekit.service.name", "prop"),
            Map.of("SERVICEKIT_SERVICE_NAME", "env", "OTEL_SERVICE_NAME", "otel"));
    assertThat(fromProps.configured().serviceName()).isEqualTo("prop");
    assertThat(
            LogConfig.of(Map.of(), Map.of("OTEL_SERVICE_NAME", "otel")).configured().serviceName())
        .isEqualTo("otel");
  }

  @Test
  void readsTheInstanceIdCoreReadsAndLeavesItOutWhenUnset() {
    LogConfig config = LogConfig.of(Map.of(), Map.of("SERVICEKIT_SERVICE_INSTANCE_ID", "orders-1"));
    assertThat(config.configured().instanceId()).isEqualTo("orders-1");
    assertThat(Events.config().configured().instanceId()).isNull();
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

  /** Logging's reading of one setting: the value used and what went to stderr. */
  private record Read<T>(T value, String problems) {}

  private static <T> Read<T> read(
      String key, String input, java.util.function.Function<ConfigReader, T> getter) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ConfigReader reader =
        new ConfigReader(
            Map.of(),
            Map.of(dev.servicekit.config.ServiceConfig.envName(key), input),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    T value = getter.apply(reader);
    return new Read<>(value, err.toString(StandardCharsets.UTF_8));
  }

  private static String reported(String key, String input, String expected, String dflt) {
    return "servicekit-logging: "
        + ConfigException.message(
            key,
            input.trim(),
            "environment variable " + dev.servicekit.config.ServiceConfig.envName(key),
            expected)
        + "; using the default "
        + dflt
        + System.lineSeparator();
  }

  @Test
  void booleansFollowTheSharedGrammarTableAndBadOnesAreReportedOnceWithTheDefault() {
    String key = "servicekit.log.stacktrace.root-cause-first";
    for (GrammarCases.Case c : GrammarCases.of("boolean")) {
      Read<Boolean> r = read(key, c.input(), reader -> reader.bool(key, false));
      if (c.invalid()) {
        assertThat(r.value()).as(c.toString()).isFalse();
        assertThat(r.problems())
            .as(c.toString())
            .isEqualTo(reported(key, c.input(), Values.BOOLEAN, "false"));
      } else {
        assertThat(r.value()).as(c.toString()).isEqualTo(Boolean.valueOf(c.expected()));
        assertThat(r.problems()).as(c.toString()).isEmpty();
      }
    }
  }

  @Test
  void durationsFollowTheSharedGrammarTableAndMustBePositive() {
    String key = "servicekit.log.shutdown-timeout";
    Duration dflt = Duration.ofSeconds(10);
    for (GrammarCases.Case c : GrammarCases.of("duration")) {
      Read<Duration> r = read(key, c.input(), reader -> reader.duration(key, dflt));
      if (c.invalid()) {
        assertThat(r.value()).as(c.toString()).isEqualTo(dflt);
        assertThat(r.problems())
            .as(c.toString())
            .isEqualTo(reported(key, c.input(), Values.DURATION, "PT10S"));
      } else if (Duration.parse(c.expected()).isZero()) {
        assertThat(r.value()).as(c.toString()).isEqualTo(dflt);
        assertThat(r.problems())
            .as(c.toString())
            .isEqualTo(
                reported(
                    key, c.input(), "a positive duration such as 500ms, 1.5s or PT10S", "PT10S"));
      } else {
        assertThat(r.value()).as(c.toString()).isEqualTo(Duration.parse(c.expected()));
        assertThat(r.problems()).as(c.toString()).isEmpty();
      }
    }
  }

  @Test
  void integersAndPortsFollowTheSharedGrammarTable() {
    String key = "servicekit.log.queue.size";
    for (String kind : new String[] {"int", "port"}) {
      int min = kind.equals("port") ? 0 : Integer.MIN_VALUE;
      int max = kind.equals("port") ? 65535 : Integer.MAX_VALUE;
      for (GrammarCases.Case c : GrammarCases.of(kind)) {
        Read<Integer> r = read(key, c.input(), reader -> reader.integer(key, 99, min, max));
        if (c.invalid()) {
          assertThat(r.value()).as(c.toString()).isEqualTo(99);
          assertThat(r.problems())
              .as(c.toString())
              .isEqualTo(
                  reported(
                      key,
                      c.input(),
                      dev.servicekit.config.ServiceConfig.intExpected(min, max),
                      "99"));
        } else {
          assertThat(r.value()).as(c.toString()).isEqualTo(Integer.valueOf(c.expected()));
        }
      }
    }
  }

  @Test
  void resourceAttributesFollowTheSharedTableAndAMalformedValueIsReportedOnce() {
    for (GrammarCases.Case c : GrammarCases.of("otel")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ConfigReader reader =
          new ConfigReader(
              Map.of(),
              Map.of("OTEL_RESOURCE_ATTRIBUTES", c.input()),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      LogConfig config = LogConfig.read(reader);
      String problems = err.toString(StandardCharsets.UTF_8);
      if (c.invalid()) {
        assertThat(config.identity().serviceName()).as(c.toString()).isNull();
        assertThat(problems.lines())
            .as(c.toString())
            .containsExactly(
                "servicekit-logging: "
                    + ConfigException.message(
                        "otel.resource.attributes",
                        c.input().trim(),
                        "environment variable OTEL_RESOURCE_ATTRIBUTES",
                        dev.servicekit.config.OtelResourceAttributes.EXPECTED));
      } else {
        Map<String, String> expected =
            dev.servicekit.config.OtelResourceAttributes.parse(c.input()).orElseThrow();
        assertThat(GrammarCases.attributes(expected)).isEqualTo(c.expected());
        assertThat(config.identity().serviceName())
            .as(c.toString())
            .isEqualTo(expected.get("service.name"));
        assertThat(config.identity().environment())
            .as(c.toString())
            .isEqualTo(expected.get("deployment.environment.name"));
        assertThat(problems).as(c.toString()).isEmpty();
      }
    }
  }

  @Test
  void theSameProblemIsReportedOnlyOnceByOneReader() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ConfigReader reader =
        new ConfigReader(
            Map.of("servicekit.log.queue.size", "lots"),
            Map.of(),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    reader.integer("servicekit.log.queue.size", 8192, 16, 100);
    reader.integer("servicekit.log.queue.size", 8192, 16, 100);
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
  }
}
