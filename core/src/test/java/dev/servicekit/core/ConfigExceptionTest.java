package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

  @Test
  void messageNamesKeyValueSourceAndExpectation() {
    ConfigException e =
        new ConfigException(
            "servicekit.management.port",
            "80a",
            "system property servicekit.management.port",
            "an integer from 0 to 65535");
    assertThat(e.key()).isEqualTo("servicekit.management.port");
    assertThat(e)
        .hasMessage(
            "Invalid configuration servicekit.management.port='80a' (from system property"
                + " servicekit.management.port): expected an integer from 0 to 65535");
  }

  @Test
  void aMissingValueAndSourceReadNaturally() {
    assertThat(new ConfigException("servicekit.service.name", null, null, "a service name"))
        .hasMessage(
            "Invalid configuration servicekit.service.name: no value: expected a service name");
  }

  @Test
  void neverPrintsValuesOfSecretKeys() {
    ConfigException e =
        new ConfigException("CONSUL_HTTP_TOKEN", "s3cr3t-token", "environment variable", "a UUID");
    assertThat(e.getMessage()).contains("CONSUL_HTTP_TOKEN=<redacted>").doesNotContain("s3cr3t");
  }

  @Test
  void escapesControlAndFormatCharactersSoTheMessageStaysOneLine() {
    ConfigException e = new ConfigException("k", "a\nb\u001b[31m\u202e\u0085", null, "x");
    assertThat(e.getMessage())
        .doesNotContain("\n", "\u001b", "\u202e", "\u0085")
        .contains("a\\u000ab\\u001b[31m\\u202e\\u0085");
  }

  @Test
  void truncatesLongValues() {
    ConfigException e = new ConfigException("k", "x".repeat(500), null, "short");
    assertThat(e.getMessage()).contains("x".repeat(80) + "...(500 chars)").hasSizeLessThan(200);
  }
}
