package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManagementServerTest {

  private static ServiceRuntime runtime;
  private static URI base;

  @BeforeAll
  static void start() {
    runtime =
        TestRuntimes.builder()
            .healthCheck("quote", () -> HealthStatus.up().withDetail("text", "say \"hi\"\n\u2028"))
            .start();
    base = runtime.managementUri();
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/health",
        "/health/ready/",
        "/infos",
        "/health/live/x",
        "/metrics/",
        "/metricsx"
      })
  void unknownPathsGet404(String path) {
    HttpResponse<String> response = Http.get(base, path);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("not found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
  void otherMethodsGet405WithAnAllowHeader(String method) {
    HttpResponse<String> response = Http.send(method, base, "/health/ready");
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health/live", "/health/ready", "/info"})
  void headAnswersWithTheStatusAndNoBody(String path) {
    HttpResponse<String> response = Http.send("HEAD", base, path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void detailsAreEscapedIntoValidJson() {
    HttpResponse<String> response = Http.get(base, "/health/ready");
    assertThat(Http.json(response).at("/checks/quote/details/text").asText())
        .isEqualTo("say \"hi\"\n\u2028");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void metricsServeTheTextFormatWithServicekitAndJvmMeters() {
    Http.get(base, "/health/ready");
    HttpResponse<String> response = Http.get(base, "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    Exposition scrape = Exposition.text(response.body());
    assertThat(scrape.types)
        .containsEntry("servicekit_core_ready", "gauge")
        .containsEntry("servicekit_core_uptime_seconds", "gauge")
        .containsEntry("servicekit_core_components", "gauge")
        .containsEntry("servicekit_core_health", "gauge")
        .containsKeys(
            "jvm_memory_used_bytes",
            "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "jvm_info",
            "system_cpu_count",
            "process_uptime_seconds",
            "process_files_open_files");
    assertThat(scrape.named("servicekit_core_ready"))
        .singleElement()
        .extracting(Exposition.Sample::value)
        .isEqualTo("1.0");
    assertThat(scrape.named("servicekit_core_health"))
        .anySatisfy(
            s -> {
              assertThat(s.labels())
                  .containsEntry("check", "quote")
                  .containsEntry("kind", "readiness");
              assertThat(s.value()).isEqualTo("1.0");
            });
    assertThat(scrape.named("servicekit_core_info"))
        .singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("service", "test-svc"));
  }

  @Test
  void metricsServeOpenMetricsWhenTheAcceptHeaderAsksForIt() {
    HttpResponse<String> response =
        Http.get(
            base,
            "/metrics",
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body()).endsWith("# EOF\n");
    Exposition scrape = Exposition.openMetrics(response.body());
    assertThat(scrape.types).containsEntry("servicekit_core_ready", "gauge");
    assertThat(scrape.types).containsEntry("jvm_gc_memory_allocated_bytes", "counter");
    assertThat(scrape.named("jvm_gc_memory_allocated_bytes_total")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/json", "*/*", "garbage;;q=", "application/openmetrics-text;q=0"})
  void metricsAnswerAnUnsupportedAcceptWithTheTextFormat(String accept) {
    HttpResponse<String> response = Http.get(base, "/metrics", accept);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(Exposition.text(response.body()).types).containsKey("servicekit_core_ready");
  }

  @Test
  void metricsAnswerHeadWithTheContentTypeAndNoBody() {
    HttpResponse<String> response = Http.send("HEAD", base, "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
  void metricsAnswerOtherMethodsWith405(String method) {
    HttpResponse<String> response = Http.send(method, base, "/metrics");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(Http.json(response).get("error").asText()).isEqualTo("method not allowed");
  }

  @Test
  void queryStringsAreIgnored() {
    assertThat(Http.get(base, "/health/live?verbose=true").statusCode()).isEqualTo(200);
  }
}
