package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceConfigTest {

  private static ServiceConfig env(String name, String value) {
    return ServiceConfig.of(Map.of(), new Properties(), Map.of(name, value));
  }

  private static ServiceConfig value(String value) {
    return env("SERVICEKIT_X_Y", value);
  }

  @Test
  void overrideWinsOverSystemPropertyWhichWinsOverEnvironment() {
    Properties props = new Properties();
    props.setProperty("servicekit.a.b", "prop");
    Map<String, String> env = Map.of("SERVICEKIT_A_B", "env");
    assertThat(ServiceConfig.of(Map.of("servicekit.a.b", "over"), props, env).get("servicekit.a.b"))
        .hasValue("over");
    assertThat(ServiceConfig.of(Map.of(), props, env).get("servicekit.a.b")).hasValue("prop");
    assertThat(ServiceConfig.of(Map.of(), new Properties(), env).get("servicekit.a.b"))
        .hasValue("env");
    assertThat(ServiceConfig.of(Map.of(), new Properties(), Map.of()).get("servicekit.a.b"))
        .isEmpty();
  }

  @Test
  void blankValuesCountAsUnsetAndValuesAreTrimmed() {
    Properties props = new Properties();
    props.setProperty("servicekit.a.b", "  ");
    ServiceConfig config = ServiceConfig.of(Map.of(), props, Map.of("SERVICEKIT_A_B", " env "));
    assertThat(config.get("servicekit.a.b")).hasValue("env");
    assertThat(config.sourceOf("servicekit.a.b")).hasValue("environment variable SERVICEKIT_A_B");
  }

  @Test
  void withOverridesLayersOnTopWithoutChangingTheOriginal() {
    ServiceConfig base = env("SERVICEKIT_A_B", "env");
    ServiceConfig over = base.withOverrides(Map.of("servicekit.a.b", "over"));
    assertThat(over.get("servicekit.a.b")).hasValue("over");
    assertThat(over.sourceOf("servicekit.a.b")).hasValue("builder");
    assertThat(base.get("servicekit.a.b")).hasValue("env");
  }

  @Test
  void envNameUppercasesAndReplacesDotsAndDashes() {
    assertThat(ServiceConfig.envName("servicekit.service.instance-id"))
        .isEqualTo("SERVICEKIT_SERVICE_INSTANCE_ID");
  }

  @Test
  void envReadsRawVariablesByExactName() {
    ServiceConfig config = env("CONSUL_HTTP_ADDR", " 127.0.0.1:8500 ");
    assertThat(config.env("CONSUL_HTTP_ADDR")).hasValue("127.0.0.1:8500");
    assertThat(config.env("consul_http_addr")).isEmpty();
  }

  @Test
  void fromEnvironmentSeesSystemProperties() {
    String key = "servicekit.test.from-environment-" + System.nanoTime();
    System.setProperty(key, "yes");
    try {
      assertThat(ServiceConfig.fromEnvironment().getBoolean(key, false)).isTrue();
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void portsAndIntsAreRangeChecked() {
    assertThat(value("8080").getPort("servicekit.x.y", 1)).isEqualTo(8080);
    assertThat(value("0").getPort("servicekit.x.y", 1)).isZero();
    assertThat(ServiceConfig.of(Map.of(), new Properties(), Map.of()).getPort("servicekit.x.y", 7))
        .isEqualTo(7);
    assertThatThrownBy(() -> value("65536").getPort("servicekit.x.y", 1))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration servicekit.x.y='65536' (from environment variable"
                + " SERVICEKIT_X_Y): expected an integer from 0 to 65535");
    assertThatThrownBy(() -> value("12x").getInt("servicekit.x.y", 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("expected an integer");
    assertThatThrownBy(() -> value("99999999999").getInt("servicekit.x.y", 1))
        .isInstanceOf(ConfigException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "true,true",
    "TRUE,true",
    "yes,true",
    "on,true",
    "1,true",
    "t,true",
    "Y,true",
    "false,false",
    "No,false",
    "off,false",
    "0,false",
    "f,false",
    "n,false"
  })
  void booleansAcceptCommonSpellings(String raw, boolean expected) {
    assertThat(value(raw).getBoolean("servicekit.x.y", !expected)).isEqualTo(expected);
  }

  @Test
  void aMalformedBooleanFailsNamingKeyValueAndExpectation() {
    assertThatThrownBy(() -> value("maybe").getBoolean("servicekit.x.y", true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.x.y='maybe'")
        .hasMessageContaining("a boolean");
  }

  @ParameterizedTest
  @CsvSource({
    "500ms, 500000000",
    "10s, 10000000000",
    "1m30s, 90000000000",
    "2h, 7200000000000",
    "1.5s, 1500000000",
    "250us, 250000",
    "250µs, 250000",
    "250\u03bcs, 250000",
    "7ns, 7",
    "1d, 86400000000000",
    "PT10S, 10000000000",
    "pt0.5s, 500000000",
    "0, 0",
    "0s, 0",
  })
  void durationsAcceptGoAndIsoForms(String raw, long nanos) {
    assertThat(value(raw).getDuration("servicekit.x.y", Duration.ofDays(9)))
        .isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "-5s", "5 parsecs", "s", "1m-3s", "PT-1S", "P", "1.s", "ms10"})
  void malformedOrNegativeDurationsFail(String raw) {
    assertThatThrownBy(() -> value(raw).getDuration("servicekit.x.y", Duration.ZERO))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.x.y")
        .hasMessageContaining("a non-negative duration such as 500ms");
  }

  @Test
  void absentDurationsUseTheDefault() {
    assertThat(
            ServiceConfig.of(Map.of(), new Properties(), Map.of())
                .getDuration("servicekit.x.y", Duration.ofSeconds(3)))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void enumsMatchIgnoringCaseWithDashesAsUnderscores() {
    assertThat(
            value("Create-New")
                .getEnum("servicekit.x.y", StandardOpenOption.class, StandardOpenOption.READ))
        .isEqualTo(StandardOpenOption.CREATE_NEW);
    assertThatThrownBy(
            () -> value("weeks").getEnum("servicekit.x.y", TimeUnit.class, TimeUnit.DAYS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("one of nanoseconds, microseconds");
  }

  @Test
  void listsAreTrimmedWithoutEmptyEntries() {
    assertThat(value(" a, b ,,c ").getList("servicekit.x.y")).containsExactly("a", "b", "c");
    assertThat(ServiceConfig.of(Map.of(), new Properties(), Map.of()).getList("servicekit.x.y"))
        .isEmpty();
  }

  @Test
  void mapsKeepOrderAndRejectEntriesWithoutAKey() {
    assertThat(value("b=2, a = 1,c=x=y").getMap("servicekit.x.y"))
        .containsExactly(Map.entry("b", "2"), Map.entry("a", "1"), Map.entry("c", "x=y"));
    assertThatThrownBy(() -> value("a=1,=2").getMap("servicekit.x.y"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("comma-separated key=value pairs");
    assertThatThrownBy(() -> value("a").getMap("servicekit.x.y"))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void secretKeysAreRecognised() {
    assertThat(ServiceConfig.isSecretKey("CONSUL_HTTP_TOKEN")).isTrue();
    assertThat(ServiceConfig.isSecretKey("servicekit.db.password")).isTrue();
    assertThat(ServiceConfig.isSecretKey("CONSUL_CLIENT_KEY")).isTrue();
    assertThat(ServiceConfig.isSecretKey("servicekit.api.secret-ref")).isTrue();
    assertThat(ServiceConfig.isSecretKey("servicekit.management.port")).isFalse();
  }
}
