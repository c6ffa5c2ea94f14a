package dev.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

  @Test
  void namesKeyValueSourceAndExpectation() {
    ConfigException e =
        new ConfigException("servicekit.a", "x", "system property servicekit.a", "an integer");
    assertThat(e)
        .hasMessage(
            "Invalid configuration servicekit.a='x' (from system property servicekit.a):"
                + " expected an integer");
    assertThat(e.key()).isEqualTo("servicekit.a");
    assertThat(e.source()).contains("system property servicekit.a");
    assertThat(e.expected()).isEqualTo("an integer");
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void redactsValuesOfSecretKeys() {
    assertThat(new ConfigException("servicekit.registry.token", "s3cr3t", null, "text"))
        .hasMessage("Invalid configuration servicekit.registry.token=<redacted>: expected text");
    assertThat(new ConfigException("CONSUL_CLIENT_KEY", "pem", null, "a file").getMessage())
        .doesNotContain("pem");
  }

  @Test
  void saysWhenTheValueIsMissing() {
    assertThat(new ConfigException("servicekit.service.name", null, null, "a name"))
        .hasMessage("Invalid configuration servicekit.service.name: no value: expected a name");
  }

  @Test
  void escapesControlCharactersAndCutsLongValues() {
    String message =
        new ConfigException("k", "a\nb\u2028" + "x".repeat(200), null, "y").getMessage();
    assertThat(message).contains("a\\u000ab\\u2028").contains("...(204 chars)");
    assertThat(message).doesNotContain("\n");
  }
}
