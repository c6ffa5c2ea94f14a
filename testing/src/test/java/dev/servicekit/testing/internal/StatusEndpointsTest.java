package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.testing.LocalConsul;
import dev.servicekit.testing.TestHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusEndpointsTest {
  @Test
  void leaderAndPeersNameTheServerRpcAddress() {
    try (LocalConsul consul = LocalConsul.start()) {
      TestHttp http = new TestHttp(consul.uri());
      TestHttp.Answer leader = http.get("/v1/status/leader");
      assertThat(leader.status()).isEqualTo(200);
      assertThat(leader.json()).isEqualTo("127.0.0.1:8300");
      assertThat(http.get("/v1/status/peers").json()).isEqualTo(List.of("127.0.0.1:8300"));
      assertThat(http.send("POST", "/v1/status/leader", "").status()).isEqualTo(405);
    }
  }
}
