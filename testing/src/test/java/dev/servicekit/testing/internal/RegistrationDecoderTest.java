package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationDecoderTest {
  @Test
  void decodesAFullRegistration() {
    ServiceDefinition d =
        RegistrationDecoder.decode(
            "{\"ID\":\"o-1\",\"Name\":\"orders\",\"Tags\":[\"t\"],\"Address\":\"10.0.0.1\","
                + "\"Port\":80,\"Meta\":{\"version\":\"1\"},\"Weights\":{\"Passing\":3,\"Warning\":0},"
                + "\"Check\":{\"CheckID\":\"c\",\"Name\":\"n\",\"HTTP\":\"http://x/h\","
                + "\"Method\":\"HEAD\",\"Header\":{\"A\":[\"1\",\"2\"]},\"Interval\":\"10s\","
                + "\"Timeout\":\"1s\",\"DeregisterCriticalServiceAfter\":\"1m\",\"Notes\":\"no\"}}");
    assertThat(d.id()).isEqualTo("o-1");
    assertThat(d.tags()).containsExactly("t");
    assertThat(d.meta()).isEqualTo(Map.of("version", "1"));
    assertThat(d.weightPassing()).isEqualTo(3);
    assertThat(d.weightWarning()).isZero();
    CheckDefinition c = d.checks().get(0);
    assertThat(c.type()).isEqualTo("http");
    assertThat(c.method()).isEqualTo("HEAD");
    assertThat(c.header()).isEqualTo(Map.of("A", List.of("1", "2")));
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.deregisterCriticalServiceAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void durationsMayBeNanosecondNumbers() {
    ServiceDefinition d =
        RegistrationDecoder.decode("{\"Name\":\"a\",\"Check\":{\"TTL\":1500000000}}");
    assertThat(d.checks().get(0).ttl()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void emptyCheckObjectsAreIgnored() {
    assertThat(RegistrationDecoder.decode("{\"Name\":\"a\",\"Check\":{},\"Checks\":[]}").checks())
        .isEmpty();
  }

  @Test
  void rejectsNonObjectsAndBadTypes() {
    assertThatThrownBy(() -> RegistrationDecoder.decode("[]"))
        .hasMessage(
            "Request decode failed: json: cannot unmarshal array into Go value of type"
                + " structs.ServiceDefinition");
    assertThatThrownBy(() -> RegistrationDecoder.decode("{\"Name\":\"a\",\"Tags\":\"x\"}"))
        .hasMessage(
            "Request decode failed: json: cannot unmarshal string into Go struct field"
                + " ServiceDefinition.Tags of type []string");
    assertThatThrownBy(() -> RegistrationDecoder.decode("{\"Name\":\"a\",\"Address\":\"0.0.0.0\"}"))
        .hasMessage("Invalid service address");
  }

  @Test
  void scriptAndUnsupportedChecksAreRefusedHonestly() {
    assertThatThrownBy(
            () ->
                RegistrationDecoder.decode(
                    "{\"Name\":\"a\",\"Check\":{\"Args\":[\"true\"],\"Interval\":\"1s\"}}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessageStartingWith("Scripts are disabled on this agent");
    assertThatThrownBy(
            () ->
                RegistrationDecoder.decode(
                    "{\"Name\":\"a\",\"Check\":{\"GRPC\":\"x:1\",\"Interval\":\"1s\"}}"))
        .hasMessageContaining("does not run GRPC checks");
  }

  private static String rejection(String body) {
    try {
      RegistrationDecoder.decode(body);
      return "accepted";
    } catch (ApiException e) {
      return e.status() + " " + e.getMessage();
    }
  }

  @Test
  void unknownFieldsAreRefusedAsConsulsDecoderRefusesThem() {
    assertThat(rejection("{\"Name\":\"a\",\"Colour\":\"red\"}"))
        .isEqualTo("400 Request decode failed: json: unknown field \"Colour\"");
    assertThat(rejection("{\"Name\":\"a\",\"Check\":{\"TTL\":\"5s\",\"Script\":\"x\"}}"))
        .isEqualTo("400 Request decode failed: json: unknown field \"Script\"");
    assertThat(rejection("{\"Name\":\"a\",\"Weights\":{\"Passing\":1,\"Heavy\":2}}"))
        .isEqualTo("400 Request decode failed: json: unknown field \"Heavy\"");
    assertThat(rejection("{\"Name\":\"a\",\"Namespace\":\"ns\"}"))
        .isEqualTo("400 Request decode failed: json: unknown field \"Namespace\"");
  }

  @Test
  void fieldNamesMatchCaseInsensitivelyButSnakeCaseOnlyForDeclaredAliases() {
    ServiceDefinition d =
        RegistrationDecoder.decode(
            "{\"name\":\"a\",\"PORT\":1,\"enable_tag_override\":true,"
                + "\"check\":{\"ttl\":\"5s\",\"deregister_critical_service_after\":\"1m\"}}");
    assertThat(d.port()).isEqualTo(1);
    assertThat(d.enableTagOverride()).isTrue();
    assertThat(d.checks().get(0).deregisterCriticalServiceAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(rejection("{\"Name\":\"a\",\"Check\":{\"TTL\":\"5s\",\"check_id\":\"c\"}}"))
        .isEqualTo("400 Request decode failed: json: unknown field \"check_id\"");
    assertThat(rejection("{\"Name\":\"a\",\"Check\":{\"TTL\":\"5s\",\"service_id\":\"s\"}}"))
        .isEqualTo("400 Request decode failed: json: unknown field \"service_id\"");
    assertThat(
            RegistrationDecoder.decodeCheckRegistration(
                    "{\"Name\":\"c\",\"TTL\":\"5s\",\"service_id\":\"s\"}")
                .serviceId())
        .isEqualTo("s");
    assertThat(rejection("{\"Name\":\"a\",\"service_address\":\"x\"}"))
        .isEqualTo("400 Request decode failed: json: unknown field \"service_address\"");
  }

  @Test
  void fieldsConsulHonoursButLocalConsulDoesNotModelAreRefusedSayingSo() {
    assertThat(rejection("{\"Name\":\"a\",\"Connect\":{\"Native\":true}}"))
        .isEqualTo("400 Invalid service: LocalConsul does not model Connect (field is set)");
    assertThat(rejection("{\"Name\":\"a\",\"Kind\":\"connect-proxy\"}"))
        .startsWith("400 Invalid service: LocalConsul does not model Kind \"connect-proxy\"");
    assertThat(
            rejection(
                "{\"Name\":\"a\",\"Check\":{\"HTTP\":\"https://x\",\"Interval\":\"1s\","
                    + "\"TLSSkipVerify\":true}}"))
        .isEqualTo("400 Invalid check: LocalConsul does not model TLSSkipVerify (field is set)");
    // zero values change nothing in Consul either, so they pass
    assertThat(rejection("{\"Name\":\"a\",\"Kind\":\"\",\"Connect\":null,\"Token\":\"\"}"))
        .isEqualTo("accepted");
  }

  @Test
  void resultThresholdsAreDecoded() {
    CheckDefinition c =
        RegistrationDecoder.decode(
                "{\"Name\":\"a\",\"Check\":{\"TCP\":\"x:1\",\"Interval\":\"1s\","
                    + "\"SuccessBeforePassing\":2,\"FailuresBeforeWarning\":1,"
                    + "\"FailuresBeforeCritical\":3}}")
            .checks()
            .get(0);
    assertThat(c.successBeforePassing()).isEqualTo(2);
    assertThat(c.failuresBeforeWarning()).isEqualTo(1);
    assertThat(c.failuresBeforeCritical()).isEqualTo(3);
  }

  @Test
  void taggedAddressesAreFilledAsConsulFillsThem() {
    ServiceDefinition v4 =
        RegistrationDecoder.decode("{\"Name\":\"a\",\"Address\":\"10.0.0.1\",\"Port\":80}");
    assertThat(v4.taggedAddresses())
        .containsOnlyKeys("lan_ipv4", "wan_ipv4")
        .containsEntry("lan_ipv4", new ServiceDefinition.TaggedAddress("10.0.0.1", 80));
    ServiceDefinition v6 =
        RegistrationDecoder.decode(
            "{\"Name\":\"a\",\"Address\":\"::1\",\"Port\":80,"
                + "\"TaggedAddresses\":{\"wan_ipv6\":{\"Address\":\"2001:db8::1\",\"Port\":81}}}");
    assertThat(v6.taggedAddresses())
        .containsEntry("lan_ipv6", new ServiceDefinition.TaggedAddress("::1", 80))
        .containsEntry("wan_ipv6", new ServiceDefinition.TaggedAddress("2001:db8::1", 81));
    assertThat(
            RegistrationDecoder.decode("{\"Name\":\"a\",\"Address\":\"host.example\"}")
                .taggedAddresses())
        .isEmpty();
  }
}
