package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.registry.internal.CheckDefinition.HttpCheck;
import dev.servicekit.registry.internal.CheckDefinition.TtlCheck;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {

  private static CheckSettings read(Map<String, String> config) {
    return CheckSettings.read(
        new RegistryKeys(ServiceConfig.of(config, new Properties(), Map.of())));
  }

  @Test
  void definesAnHttpCheckOnTheReadinessPathByDefault() {
    CheckDefinition check =
        read(Map.of("servicekit.registry.check.path", "ready"))
            .definition("service:o-1", URI.create("http://10.0.0.5:8081/"));

    assertThat(check)
        .isEqualTo(
            new HttpCheck(
                "service:o-1",
                "http://10.0.0.5:8081/ready",
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofMinutes(1)));
  }

  @Test
  void definesATtlCheckWhenConfigured() {
    CheckSettings settings =
        read(
            Map.of(
                "servicekit.registry.check.type", "ttl",
                "servicekit.registry.check.ttl", "9s",
                "servicekit.registry.deregister-critical-after", "2m"));

    assertThat(settings.definition("service:o-1", URI.create("http://10.0.0.5:8081")))
        .isEqualTo(new TtlCheck("service:o-1", Duration.ofSeconds(9), Duration.ofMinutes(2)));
    assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.verifyInterval()).isEqualTo(Duration.ofSeconds(3));
  }
}
