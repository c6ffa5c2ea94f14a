package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
  private static ApiRequest request(String query, Map<String, String> headers) {
    return ApiRequest.of("GET", "/v1/x", query, headers::get, "");
  }

  @Test
  void tokenPrecedenceIsQueryThenConsulHeaderThenBearer() {
    Map<String, String> both = Map.of("X-Consul-Token", "h", "Authorization", "Bearer b");
    assertThat(request("token=q", both).token()).isEqualTo("q");
    assertThat(request("token=q", both).tokenSource()).isEqualTo("query");
    assertThat(request(null, both).token()).isEqualTo("h");
    assertThat(request(null, Map.of("Authorization", "bearer  b  extra")).token()).isEqualTo("b");
    assertThat(request(null, Map.of("Authorization", "Basic abc")).token()).isEmpty();
    assertThat(request(null, Map.of("Authorization", "Bearer")).token()).isEmpty();
    assertThat(request(null, Map.of()).tokenSource()).isEmpty();
  }

  @Test
  void queryParametersAreDecodedAndRepeatable() {
    ApiRequest r = request("tag=a%20b&tag=c&passing&index=5", Map.of());
    assertThat(r.params("tag")).isEqualTo(List.of("a b", "c"));
    assertThat(r.has("passing")).isTrue();
    assertThat(r.param("passing")).isEmpty();
    assertThat(r.param("index")).isEqualTo("5");
    assertThat(r.param("absent")).isNull();
    assertThat(r.params("absent")).isEmpty();
  }

  @Test
  void flagsParseLikeGo() {
    assertThat(request("passing", Map.of()).flag("passing")).isTrue();
    assertThat(request("passing=1", Map.of()).flag("passing")).isTrue();
    assertThat(request("passing=false", Map.of()).flag("passing")).isFalse();
    assertThat(request("", Map.of()).flag("passing")).isFalse();
    assertThatThrownBy(() -> request("passing=yes", Map.of()).flag("passing"))
        .isInstanceOf(ApiException.class)
        .hasMessage("Invalid value for ?passing");
  }

  @Test
  void redactedUriHidesTheTokenValueOnly() {
    assertThat(request("index=3&token=abc&wait=1s", Map.of()).redactedUri())
        .isEqualTo("/v1/x?index=3&token=<redacted>&wait=1s");
    assertThat(request(null, Map.of()).redactedUri()).isEqualTo("/v1/x");
  }
}
