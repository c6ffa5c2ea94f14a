package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsulSettingsTest {

  @TempDir Path dir;

  static Optional<ConsulSettings> read(Map<String, String> config, Map<String, String> env) {
    return ConsulSettings.from(ServiceConfig.of(config, new Properties(), env));
  }

  static ConsulSettings env(Map<String, String> env) {
    return read(Map.of(), env).orElseThrow();
  }

  @Test
  void isInactiveWithoutAnAgentAddress() {
    assertThat(read(Map.of(), Map.of("CONSUL_HTTP_TOKEN", "t"))).isEmpty();
  }

  @Test
  void isInactiveWhenDisabled() {
    assertThat(
            read(
                Map.of("servicekit.registry.enabled", "false"),
                Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:8500")))
        .isEmpty();
  }

  @Test
  void readsHostAndPortLikeTheConsulCli() {
    ConsulSettings s = env(Map.of("CONSUL_HTTP_ADDR", "consul.local:8600"));
    assertThat(s.agentAddress()).isEqualTo("http://consul.local:8600");
  }

  @Test
  void takesTheSchemeFromAUrlAddress() {
    assertThat(env(Map.of("CONSUL_HTTP_ADDR", "https://consul.local:8501/")).agentAddress())
        .isEqualTo("https://consul.local:8501");
    assertThat(env(Map.of("CONSUL_HTTP_ADDR", "http://10.0.0.1")).agentAddress())
        .isEqualTo("http://10.0.0.1:8500");
  }

  @Test
  void switchesToHttpsWhenConsulHttpSslIsTrue() {
    ConsulSettings s = env(Map.of("CONSUL_HTTP_ADDR", "consul:8501", "CONSUL_HTTP_SSL", "true"));
    assertThat(s.https()).isTrue();
    assertThat(s.agentAddress()).isEqualTo("https://consul:8501");
  }

  @Test
  void acceptsBracketedIpv6Addresses() {
    assertThat(env(Map.of("CONSUL_HTTP_ADDR", "[::1]:8500")).agentAddress())
        .isEqualTo("http://[::1]:8500");
  }

  @Test
  void rejectsUnixSocketsAndMalformedAddressesNamingTheKey() {
    assertThatThrownBy(() -> env(Map.of("CONSUL_HTTP_ADDR", "unix:///tmp/consul.sock")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONSUL_HTTP_ADDR");
    assertThatThrownBy(() -> env(Map.of("CONSUL_HTTP_ADDR", "consul:notaport")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("consul:notaport");
  }

  @Test
  void rejectsAnUnparsableSslFlagNamingTheVariable() {
    assertThatThrownBy(() -> env(Map.of("CONSUL_HTTP_ADDR", "c:8500", "CONSUL_HTTP_SSL", "maybe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONSUL_HTTP_SSL")
        .hasMessageContaining("maybe");
  }

  @Test
  void ownKeysOverrideConsulVariables() {
    ConsulSettings s =
        read(
                Map.of(
                    "servicekit.registry.address",
                    "override:1234",
                    "servicekit.registry.token",
                    "own"),
                Map.of("CONSUL_HTTP_ADDR", "env:8500", "CONSUL_HTTP_TOKEN", "fromenv"))
            .orElseThrow();
    assertThat(s.agentAddress()).isEqualTo("http://override:1234");
    assertThat(s.token()).isEqualTo("own");
  }

  @Test
  void aTokenFileWinsOverTheTokenVariable() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  file-token\n");
    ConsulSettings s =
        env(
            Map.of(
                "CONSUL_HTTP_ADDR", "c:8500",
                "CONSUL_HTTP_TOKEN", "variable-token",
                "CONSUL_HTTP_TOKEN_FILE", file.toString()));
    assertThat(s.token()).isEqualTo("file-token");
  }

  @Test
  void anUnreadableTokenFileFailsWithoutPrintingItsValue() {
    Path missing = dir.resolve("no-such-token");
    assertThatThrownBy(
            () ->
                env(
                    Map.of(
                        "CONSUL_HTTP_ADDR",
                        "c:8500",
                        "CONSUL_HTTP_TOKEN_FILE",
                        missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONSUL_HTTP_TOKEN_FILE")
        .hasMessageNotContaining("no-such-token");
  }

  @Test
  void neverPrintsTheToken() {
    ConsulSettings s = env(Map.of("CONSUL_HTTP_ADDR", "c:8500", "CONSUL_HTTP_TOKEN", "s3cr3t-tok"));
    assertThat(s.toString()).doesNotContain("s3cr3t-tok").contains("token=set");
  }

  @Test
  void requiresClientCertificateAndKeyTogether() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    assertThatThrownBy(
            () -> env(Map.of("CONSUL_HTTP_ADDR", "c:8500", "CONSUL_CLIENT_CERT", cert.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONSUL_CLIENT_KEY");
  }

  @Test
  void hasTheDocumentedDefaults() {
    ConsulSettings s = env(Map.of("CONSUL_HTTP_ADDR", "c:8500"));
    assertThat(s.check.type()).isEqualTo(CheckSettings.Type.HTTP);
    assertThat(s.check.deregisterCriticalAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.check.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.check.ttl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.check.heartbeat()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.check.verifyInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.watch.queryWait()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.watch.recoveryHold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.tls.verify()).isTrue();
    assertThat(s.balancer).isEqualTo(ConsulSettings.Balancer.ROUND_ROBIN);
  }

  @Test
  void rejectsAWatchWaitAboveConsulsLimit() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of("servicekit.registry.watch.wait", "11m"),
                    Map.of("CONSUL_HTTP_ADDR", "c:8500")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.registry.watch.wait");
  }

  @Test
  void rejectsAHeartbeatNotShorterThanTheTtl() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "servicekit.registry.check.type", "ttl",
                        "servicekit.registry.check.ttl", "10s",
                        "servicekit.registry.check.heartbeat", "10s"),
                    Map.of("CONSUL_HTTP_ADDR", "c:8500")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("check.heartbeat");
  }
}
