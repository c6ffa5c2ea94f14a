package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.internal.CheckDefinition.HttpCheck;
import dev.servicekit.registry.internal.CheckDefinition.TtlCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsulMappingTest {

  private static Registration registration(CheckDefinition check) {
    return new Registration(
        "orders-1", "orders", "10.0.0.5", 8080, List.of(), Map.of("b", "2", "a", "1"), check);
  }

  private static Registration ttl() {
    return registration(
        new TtlCheck("service:orders-1", Duration.ofMillis(1500), Duration.ofMinutes(1)));
  }

  private static Registration http() {
    return registration(
        new HttpCheck(
            "service:orders-1",
            "http://10.0.0.5:8081/health/ready",
            Duration.ofSeconds(10),
            Duration.ofMillis(2500),
            Duration.ofMinutes(2)));
  }

  private static JsonObject check(Registration registration) {
    return JsonParser.parseString(ConsulMapping.registrationJson(registration))
        .getAsJsonObject()
        .getAsJsonObject("Check");
  }

  @Test
  void writesATtlCheckWithoutHttpFields() {
    JsonObject check = check(ttl());
    assertThat(check.get("TTL").getAsString()).isEqualTo("1500ms");
    assertThat(check.get("CheckID").getAsString()).isEqualTo("service:orders-1");
    assertThat(check.get("Name").getAsString()).isEqualTo("servicekit heartbeat");
    assertThat(check.has("HTTP")).isFalse();
    assertThat(check.has("Interval")).isFalse();
    assertThat(check.get("DeregisterCriticalServiceAfter").getAsString()).isEqualTo("60s");
  }

  @Test
  void writesAnHttpCheckWithoutATtl() {
    assertThat(ConsulMapping.registrationJson(http()))
        .endsWith(
            "\"Check\":{\"CheckID\":\"service:orders-1\",\"Name\":\"servicekit readiness\","
                + "\"HTTP\":\"http://10.0.0.5:8081/health/ready\",\"Method\":\"GET\","
                + "\"Interval\":\"10s\",\"Timeout\":\"2500ms\","
                + "\"DeregisterCriticalServiceAfter\":\"120s\"}}");
  }

  @Test
  void writesTheServiceFieldsAndMetaInKeyOrder() {
    assertThat(ConsulMapping.registrationJson(ttl()))
        .startsWith(
            "{\"ID\":\"orders-1\",\"Name\":\"orders\",\"Address\":\"10.0.0.5\",\"Port\":8080,"
                + "\"Tags\":[],\"Meta\":{\"a\":\"1\",\"b\":\"2\"},");
  }

  @Test
  void writesDurationsTheWayConsulReadsThem() {
    assertThat(ConsulMapping.duration(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(ConsulMapping.duration(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(ConsulMapping.duration(Duration.ofMinutes(2))).isEqualTo("120s");
  }

  @Test
  void readsOnlyPassingInstancesWithAnAddress() throws Exception {
    String body =
        "[{\"Node\":{\"Address\":\"10.1.1.1\"},\"Service\":{\"ID\":\"b\",\"Port\":1},"
            + "\"Checks\":[{\"Status\":\"passing\"}]},"
            + "{\"Service\":{\"ID\":\"a\",\"Service\":\"inv\",\"Address\":\"10.2.2.2\"}},"
            + "{\"Service\":{\"ID\":\"c\",\"Address\":\"\"}},"
            + "{\"Service\":{\"ID\":\"d\",\"Address\":\"10.4.4.4\"},"
            + "\"Checks\":[{\"Status\":\"warning\"}]}]";

    List<ServiceInstance> read = ConsulMapping.passingInstances("inventory", body);

    assertThat(read)
        .extracting(ServiceInstance::id, ServiceInstance::name, ServiceInstance::address)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "inv", "10.2.2.2"),
            org.assertj.core.groups.Tuple.tuple("b", "inventory", "10.1.1.1"));
  }

  @Test
  void rejectsAnAnswerThatIsNotAnArrayOfEntries() {
    assertThatThrownBy(() -> ConsulMapping.passingInstances("x", "{}"))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("not a JSON array");
    assertThatThrownBy(() -> ConsulMapping.passingInstances("x", "[1]"))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void encodesOnePathSegment() {
    assertThat(ConsulMapping.pathSegment("orders-1.a_b:c")).isEqualTo("orders-1.a_b:c");
    assertThat(ConsulMapping.pathSegment("a/b c?")).isEqualTo("a%2Fb%20c%3F");
    assertThat(ConsulMapping.pathSegment("ü")).isEqualTo("%C3%BC");
  }
}
