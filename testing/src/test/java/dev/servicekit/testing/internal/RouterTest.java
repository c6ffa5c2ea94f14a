package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router =
      new Router()
          .add("/v1/agent/service/", "GET", (a, r) -> ApiResponse.json("prefix"))
          .add("/v1/agent/service/register", "PUT", (a, r) -> ApiResponse.json("exact"));

  private static ApiRequest request(String method, String path) {
    return ApiRequest.of(method, path, null, Map.<String, String>of()::get, "");
  }

  @Test
  void longestMatchingPatternWins() {
    assertThat(router.dispatch(null, request("PUT", "/v1/agent/service/register")).value())
        .isEqualTo("exact");
    assertThat(router.dispatch(null, request("GET", "/v1/agent/service/web")).value())
        .isEqualTo("prefix");
  }

  @Test
  void exactPatternDoesNotMatchLongerPaths() {
    assertThat(router.dispatch(null, request("GET", "/v1/agent/service/register/x")).value())
        .isEqualTo("prefix");
    assertThat(router.dispatch(null, request("GET", "/v1/agent/services")).status()).isEqualTo(404);
  }

  @Test
  void wrongMethodIs405AndOptionsListsAllowedMethods() {
    ApiResponse wrong = router.dispatch(null, request("GET", "/v1/agent/service/register"));
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.headers()).containsEntry("Allow", "PUT");
    ApiResponse options = router.dispatch(null, request("OPTIONS", "/v1/agent/service/register"));
    assertThat(options.status()).isEqualTo(200);
    assertThat(options.headers()).containsEntry("Allow", "PUT");
  }
}
