package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationTest {

  private static Registration ttl() {
    return new Registration(
        "orders-1",
        "orders",
        "10.0.0.5",
        8080,
        List.of(),
        Map.of("b", "2", "a", "1"),
        "service:orders-1",
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofMillis(1500),
        Duration.ofMinutes(1));
  }

  @Test
  void writesATtlCheckWithoutHttpFields() {
    JsonObject check =
        JsonParser.parseString(ttl().toJson()).getAsJsonObject().getAsJsonObject("Check");
    assertThat(check.get("TTL").getAsString()).isEqualTo("1500ms");
    assertThat(check.get("CheckID").getAsString()).isEqualTo("service:orders-1");
    assertThat(check.has("HTTP")).isFalse();
    assertThat(check.has("Interval")).isFalse();
    assertThat(check.get("DeregisterCriticalServiceAfter").getAsString()).isEqualTo("60s");
  }

  @Test
  void writesMetaInKeyOrder() {
    assertThat(ttl().toJson()).contains("\"Meta\":{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void writesDurationsTheWayConsulReadsThem() {
    assertThat(Registration.go(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(Registration.go(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Registration.go(Duration.ofMinutes(2))).isEqualTo("120s");
  }
}
