package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AdvertisedAddressTest {

  private static InetAddress ip(String literal) {
    return IpLiterals.parse(literal).orElseThrow();
  }

  private static AdvertisedAddress.Candidate nic(String name, int index, String... addresses) {
    return new AdvertisedAddress.Candidate(
        name,
        index,
        true,
        false,
        false,
        java.util.Arrays.stream(addresses).map(AdvertisedAddressTest::ip).toList());
  }

  private static ServiceConfig config(Map<String, String> overrides, Map<String, String> env) {
    return ServiceConfig.of(overrides, new Properties(), env);
  }

  @Test
  void prefersASiteLocalIpv4AddressOnARealInterface() {
    List<AdvertisedAddress.Candidate> nics =
        List.of(
            new AdvertisedAddress.Candidate("lo", 1, true, true, false, List.of(ip("127.0.0.1"))),
            nic("docker0", 2, "172.17.0.1"),
            nic("eth0", 3, "fe80::1", "2001:db8::5", "203.0.113.7", "10.0.0.5"),
            nic("veth12ab", 4, "10.99.0.1"));
    assertThat(AdvertisedAddress.choose(nics)).contains(ip("10.0.0.5"));
  }

  @Test
  void skipsDownVirtualAndBridgeInterfaces() {
    List<AdvertisedAddress.Candidate> nics =
        List.of(
            new AdvertisedAddress.Candidate(
                "eth0", 1, false, false, false, List.of(ip("10.0.0.1"))),
            new AdvertisedAddress.Candidate(
                "eth0:1", 2, true, false, true, List.of(ip("10.0.0.2"))),
            nic("br-1234", 3, "10.0.0.3"),
            nic("virbr0", 4, "192.168.122.1"),
            nic("cni0", 5, "10.244.0.1"),
            nic("flannel.1", 6, "10.244.0.0"),
            nic("ens5", 7, "192.168.1.20"));
    assertThat(AdvertisedAddress.choose(nics)).contains(ip("192.168.1.20"));
  }

  @Test
  void fallsBackToPublicIpv4ThenGlobalIpv6AndNeverToLinkLocal() {
    assertThat(AdvertisedAddress.choose(List.of(nic("eth0", 1, "2001:db8::5", "203.0.113.7"))))
        .contains(ip("203.0.113.7"));
    assertThat(AdvertisedAddress.choose(List.of(nic("eth0", 1, "fe80::1", "2001:db8::5"))))
        .contains(ip("2001:db8::5"));
    assertThat(AdvertisedAddress.choose(List.of(nic("eth0", 1, "fe80::1", "169.254.1.1"))))
        .isEmpty();
  }

  @Test
  void theFirstInterfaceByIndexWinsAmongEquals() {
    assertThat(
            AdvertisedAddress.choose(
                List.of(nic("eth1", 9, "10.0.0.9"), nic("eth0", 2, "10.0.0.2"))))
        .contains(ip("10.0.0.2"));
  }

  @Test
  void configuredAddressWinsOverServiceAddressAndPodIp() {
    Map<String, String> env =
        Map.of(
            "SERVICEKIT_SERVICE_ADDRESS", "10.0.0.1",
            "SERVICE_ADDRESS", "10.0.0.2",
            "POD_IP", "10.0.0.3");
    assertThat(AdvertisedAddress.resolve(config(Map.of(), env))).isEqualTo("10.0.0.1");
    assertThat(
            AdvertisedAddress.resolve(
                config(Map.of("servicekit.service.address", "orders.internal"), env)))
        .isEqualTo("orders.internal");
    assertThat(
            AdvertisedAddress.resolve(
                config(Map.of(), Map.of("SERVICE_ADDRESS", "10.0.0.2", "POD_IP", "10.0.0.3"))))
        .isEqualTo("10.0.0.2");
    assertThat(AdvertisedAddress.resolve(config(Map.of(), Map.of("POD_IP", "fd00::3"))))
        .isEqualTo("fd00:0:0:0:0:0:0:3");
  }

  @Test
  void withoutConfigurationADetectedAddressIsUsed() {
    String detected = AdvertisedAddress.resolve(config(Map.of(), Map.of()));
    assertThat(IpLiterals.parse(detected)).isPresent();
  }

  @Test
  void rejectsAMalformedConfiguredAddressNamingItsSource() {
    assertThatThrownBy(
            () -> AdvertisedAddress.resolve(config(Map.of(), Map.of("POD_IP", "10.0.0.300"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("POD_IP")
        .hasMessageContaining("'10.0.0.300'")
        .hasMessageContaining("environment variable POD_IP");
    assertThatThrownBy(
            () ->
                AdvertisedAddress.resolve(
                    config(Map.of("servicekit.service.address", "http://x:80"), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.service.address");
  }
}
