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
}
