package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.GrammarCases;
import dev.servicekit.config.ServiceConfig;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

  enum Sample {
    ONE,
    TWO_WORDS
  }

  private static final String KEY = "servicekit.correlation.test-setting";

  @AfterEach
  void clear() {
    System.clearProperty(KEY);
  }

  @Test
  void environmentNameUpperCasesAndReplacesDotsAndDashes() {
    assertThat(Settings.envName("servicekit.correlation.trace-context"))
        .isEqualTo("SERVICEKIT_CORRELATION_TRACE_CONTEXT");
  }

  @Test
  void systemPropertyIsReadTrimmedAndBlankMeansUnset() {
    assertThat(Settings.read(KEY)).isNull();
    System.setProperty(KEY, "  value ");
    assertThat(Settings.read(KEY)).isEqualTo("value");
    System.setProperty(KEY, "  ");
    assertThat(Settings.read(KEY)).isNull();
  }

  @Test
  void enumsAreReadCaseInsensitivelyWithDashes() {
    System.setProperty(KEY, "Two-Words");
    assertThat(Settings.readEnum(KEY, Sample.class, Sample.ONE)).isEqualTo(Sample.TWO_WORDS);
  }

  @Test
  void badEnumNamesKeyValueAndChoicesWithoutEchoingControlCharacters() {
    System.setProperty(KEY, "nope\r\nInjected");
    assertThatThrownBy(() -> Settings.readEnum(KEY, TimeUnit.class, TimeUnit.SECONDS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(KEY)
        .hasMessageContaining("nope\\u000d\\u000aInjected")
        .hasMessageContaining("seconds")
        .hasMessageNotContaining("\n");
  }

  enum Mode {
    AUTO,
    PROPAGATE,
    OFF,
    TWO_WORDS
  }

  @Test
  void enumSettingsFollowTheSharedGrammarTable() {
    for (GrammarCases.Case c : GrammarCases.of("enum")) {
      ServiceConfig config = ServiceConfig.of(Map.of(), Map.of(KEY, c.input()), Map.of());
      if (c.invalid()) {
        assertThatThrownBy(() -> Settings.readEnum(config, KEY, Mode.class, Mode.AUTO))
            .as(c.toString())
            .isInstanceOf(ConfigException.class)
            .hasMessage(
                ConfigException.message(
                    KEY,
                    c.input(),
                    "system property " + KEY,
                    "one of auto, propagate, off, two-words"));
      } else {
        assertThat(Settings.readEnum(config, KEY, Mode.class, Mode.OFF).name())
            .as(c.toString())
            .isEqualTo(c.expected());
      }
    }
  }

  @Test
  void headerNamesMustBeTokens() {
    assertThat(Settings.readHeaderName(KEY, "X-Default")).isEqualTo("X-Default");
    System.setProperty(KEY, "X-Flow-Id");
    assertThat(Settings.readHeaderName(KEY, "X-Default")).isEqualTo("X-Flow-Id");
    System.setProperty(KEY, "X:Bad");
    assertThatThrownBy(() -> Settings.readHeaderName(KEY, "X-Default"))
        .hasMessageContaining(KEY)
        .hasMessageContaining("X:Bad");
    assertThat(Settings.isToken("x".repeat(65))).isFalse();
  }
}
