package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
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
