package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.TestHttp;
import dev.servicekit.testing.TestHttp.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AclTest {
  private static final String TOKEN = "s3cr3t-token";
  private static final String BODY =
      "{\"ID\":\"api-1\",\"Name\":\"api\",\"Check\":{\"TTL\":\"30s\"}}";

  private LocalConsul consul;
  private TestHttp http;

  @BeforeEach
  void start() {
    consul = LocalConsul.builder().aclToken(TOKEN).start();
    http = new TestHttp(consul.uri());
  }

  @AfterEach
  void stop() {
    consul.close();
  }

  @Test
  void registerWithoutTokenIs403PermissionDenied() {
    Answer r = http.register(BODY);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body())
        .startsWith(
            "Permission denied: anonymous token lacks permission 'service:write' on \"api\"");
    assertThat(consul.services()).isEmpty();
  }

  @Test
  void wrongTokenIs403AclNotFound() {
    Answer r = http.register(BODY, "X-Consul-Token", "wrong");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("ACL not found");
    assertThat(http.get("/v1/health/service/api", "X-Consul-Token", "wrong").status())
        .isEqualTo(403);
  }

  @Test
  void tokenIsAcceptedFromHeaderBearerAndQuery() {
    assertThat(http.register(BODY, "X-Consul-Token", TOKEN).status()).isEqualTo(200);
    assertThat(http.get("/v1/agent/service/api-1", "Authorization", "Bearer " + TOKEN).status())
        .isEqualTo(200);
    assertThat(http.put("/v1/agent/check/pass/service:api-1?token=" + TOKEN, null).status())
        .isEqualTo(200);
  }

  @Test
  void anonymousReadsOfListsAreFilteredToNothing() {
    http.register(BODY, "X-Consul-Token", TOKEN);
    assertThat(http.get("/v1/agent/services").object()).isEmpty();
    assertThat(http.get("/v1/agent/checks").object()).isEmpty();
    assertThat(http.get("/v1/health/service/api").list()).isEmpty();
    assertThat(http.get("/v1/health/service/api").header("X-Consul-Results-Filtered-By-ACLs"))
        .isEqualTo("true");
    assertThat(http.get("/v1/catalog/services").object()).isEmpty();
    assertThat(http.get("/v1/health/service/api", "X-Consul-Token", TOKEN).list()).hasSize(1);
  }

  @Test
  void anonymousSingleReadsAndUpdatesOfExistingThingsAre403() {
    http.register(BODY, "X-Consul-Token", TOKEN);
    assertThat(http.get("/v1/agent/service/api-1").status()).isEqualTo(403);
    assertThat(http.put("/v1/agent/check/pass/service:api-1", null).status()).isEqualTo(403);
    assertThat(http.put("/v1/agent/service/deregister/api-1", null).status()).isEqualTo(403);
    assertThat(http.get("/v1/agent/self").status()).isEqualTo(403);
    assertThat(consul.services()).containsKey("api-1");
  }

  @Test
  void anonymousDeregisterOfUnknownServiceIs404AsInConsul() {
    assertThat(http.put("/v1/agent/service/deregister/ghost", null).status()).isEqualTo(404);
  }

  @Test
  void statusNeedsNoToken() {
    assertThat(http.get("/v1/status/leader").status()).isEqualTo(200);
  }
}
