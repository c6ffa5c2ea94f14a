package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeFormatTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/openmetrics-text",
        "application/openmetrics-text;version=1.0.0",
        "Application/OpenMetrics-Text; version=0.0.1; q=0.5",
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
            + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
        "text/plain;q=0.9, application/openmetrics-text ;q=0.1",
      })
  void openMetricsWhenAskedFor(String accept) {
    assertThat(ScrapeFormat.negotiate(accept)).isEqualTo(ScrapeFormat.OPENMETRICS);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "text/plain",
        "application/json",
        "*/*",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
        "application/openmetrics-text;q=0",
        "application/openmetrics-text;q=zero",
        ";;;,,,===",
        "application/openmetrics-textual",
      })
  void textForAnythingElse(String accept) {
    assertThat(ScrapeFormat.negotiate(accept)).isEqualTo(ScrapeFormat.TEXT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TEXT", "OPENMETRICS"})
  void contentTypesNameTheVersionAndCharset(String name) {
    assertThat(ScrapeFormat.valueOf(name).contentType()).contains("version=").endsWith("utf-8");
  }
}
