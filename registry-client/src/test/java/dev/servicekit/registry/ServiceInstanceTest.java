package dev.servicekit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceInstanceTest {

  @Test
  void buildsItsUriFromAddressAndPort() {
    ServiceInstance i = ServiceInstance.of("a", "inv", "10.0.0.7", 8080, List.of(), Map.of());
    assertThat(i.uri().toString()).isEqualTo("http://10.0.0.7:8080");
  }

  @Test
  void bracketsIpv6AddressesInItsUri() {
    ServiceInstance i = ServiceInstance.of("a", "inv", "fd00::7", 8080, List.of(), Map.of());
    assertThat(i.uri().getHost()).isEqualTo("[fd00::7]");
    assertThat(i.uri().getPort()).isEqualTo(8080);
  }

  @Test
  void takesTheSchemeFromMetadata() {
    ServiceInstance i =
        ServiceInstance.of("a", "inv", "h", 8443, List.of(), Map.of("scheme", "https"));
    assertThat(i.uri().toString()).isEqualTo("https://h:8443");
  }

  @Test
  void isAValueWithUnmodifiableCollections() {
    ServiceInstance a = ServiceInstance.of("a", "inv", "h", 1, List.of("x"), Map.of("k", "v"));
    ServiceInstance b = ServiceInstance.of("a", "inv", "h", 1, List.of("x"), Map.of("k", "v"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThatThrownBy(() -> a.tags().add("y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsAnInvalidPort() {
    assertThatThrownBy(() -> ServiceInstance.of("a", "inv", "h", 70000, List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
