package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.GrammarCases;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Values;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

  private static <T> void followsTheTable(
      String kind, String key, String expected, Function<RuntimeSettings, T> value) {
    for (GrammarCases.Case c : GrammarCases.of(kind)) {
      ServiceConfig config =
          ServiceConfig.of(Map.of(), Map.of(), Map.of(ServiceConfig.envName(key), c.input()));
      if (c.invalid()) {
        assertThatThrownBy(() -> RuntimeSettings.from(config))
            .as(c.toString())
            .isInstanceOf(ConfigException.class)
            .hasMessage(
                ConfigException.message(
                    key,
                    c.input().trim(),
                    "environment variable " + ServiceConfig.envName(key),
                    expected));
      } else {
        assertThat(String.valueOf(value.apply(RuntimeSettings.from(config))))
            .as(c.toString())
            .isEqualTo(c.expected());
      }
    }
  }

  @Test
  void booleansFollowTheSharedGrammarTable() {
    followsTheTable(
        "boolean", RuntimeSettings.SHUTDOWN_HOOK, Values.BOOLEAN, RuntimeSettings::shutdownHook);
  }

  @Test
  void durationsFollowTheSharedGrammarTable() {
    followsTheTable("duration", RuntimeSettings.DRAIN, Values.DURATION, RuntimeSettings::drain);
  }

  @Test
  void portsFollowTheSharedGrammarTable() {
    followsTheTable(
        "port",
        RuntimeSettings.MANAGEMENT_PORT,
        "an integer from 0 to 65535",
        RuntimeSettings::managementPort);
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    RuntimeSettings settings = RuntimeSettings.from(ServiceConfig.empty());
    assertThat(settings.managementPort()).isEqualTo(8081);
    assertThat(settings.drain()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.shutdownHook()).isTrue();
  }
}
