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
  @ValueSource(strings = {"/", "/health", "/health/ready/", "/infos", "/health/live/x"})
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
  void queryStringsAreIgnored() {
    assertThat(Http.get(base, "/health/live?verbose=true").statusCode()).isEqualTo(200);
  }
}
