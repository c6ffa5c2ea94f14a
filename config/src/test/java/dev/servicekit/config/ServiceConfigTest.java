package dev.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

  private static ServiceConfig config(Map<String, String> props, Map<String, String> env) {
    return ServiceConfig.of(Map.of(), props, env);
  }

  @Test
  void builderWinsOverSystemPropertyWhichWinsOverEnvironment() {
    Properties props = new Properties();
    props.setProperty("servicekit.a.b", "prop");
    ServiceConfig c =
        ServiceConfig.of(Map.of(), props, Map.of("SERVICEKIT_A_B", "env", "SERVICEKIT_C", "env"));
    assertThat(c.get("servicekit.a.b")).contains("prop");
    assertThat(c.sourceOf("servicekit.a.b")).contains("system property servicekit.a.b");
    assertThat(c.get("servicekit.c")).contains("env");
    assertThat(c.sourceOf("servicekit.c")).contains("environment variable SERVICEKIT_C");
    ServiceConfig built = c.withOverrides(Map.of("servicekit.a.b", "builder"));
    assertThat(built.find("servicekit.a.b"))
        .contains(new Setting("servicekit.a.b", "builder", "builder"));
    assertThat(built.overrides()).containsEntry("servicekit.a.b", "builder");
  }

  @Test
  void blankValuesCountAsUnsetAndValuesAreTrimmed() {
    ServiceConfig c =
        config(Map.of("servicekit.x", "  "), Map.of("SERVICEKIT_X", " env ", "RAW", " v "));
    assertThat(c.get("servicekit.x")).contains("env");
    assertThat(c.env("RAW")).contains("v");
    assertThat(c.env("MISSING")).isEmpty();
  }

  @Test
  void environmentNamesUpperCaseDotsAndDashes() {
    assertThat(ServiceConfig.envName("servicekit.log.max-line-bytes"))
        .isEqualTo("SERVICEKIT_LOG_MAX_LINE_BYTES");
  }

  @Test
  void typedGettersParseWithTheSharedGrammars() {
    ServiceConfig c =
        config(
            Map.of(
                "d", "1.5s",
                "b", "y",
                "i", "42",
                "e", "microSECONDS",
                "l", "a, b,,c",
                "m", "x=1, y = 2"),
            Map.of());
    assertThat(c.getDuration("d", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.getBoolean("b", false)).isTrue();
    assertThat(c.getInt("i", 0, 0, 100)).isEqualTo(42);
    assertThat(c.getEnum("e", TimeUnit.class, TimeUnit.SECONDS)).isEqualTo(TimeUnit.MICROSECONDS);
    assertThat(c.getList("l")).containsExactly("a", "b", "c");
    assertThat(c.getMap("m")).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
    assertThat(c.getDuration("unset", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void badValuesFailInTheOneFormat() {
    ServiceConfig c =
        config(
            Map.of(),
            Map.of(
                "SERVICEKIT_D", "10 s",
                "SERVICEKIT_B", "maybe",
                "SERVICEKIT_P", "70000",
                "SERVICEKIT_E", "weeks",
                "SERVICEKIT_M", "novalue"));
    assertThatThrownBy(() -> c.getDuration("servicekit.d", Duration.ZERO))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration servicekit.d='10 s' (from environment variable SERVICEKIT_D):"
                + " expected "
                + Values.DURATION);
    assertThatThrownBy(() -> c.getBoolean("servicekit.b", false))
        .hasMessageEndingWith("expected " + Values.BOOLEAN);
    assertThatThrownBy(() -> c.getPort("servicekit.p", 0))
        .hasMessageEndingWith("expected an integer from 0 to 65535");
    assertThatThrownBy(() -> c.getEnum("servicekit.e", TimeUnit.class, TimeUnit.SECONDS))
        .hasMessageContaining("expected one of nanoseconds, microseconds");
    assertThatThrownBy(() -> c.getMap("servicekit.m"))
        .hasMessageEndingWith("expected comma-separated key=value pairs");
  }

  @Test
  void listsKeysOfAFamilyFromOverridesAndProperties() {
    ServiceConfig c =
        ServiceConfig.of(
            Map.of("servicekit.log.level.b", "warn"),
            Map.of("servicekit.log.level.a", "debug", "other", "x"),
            Map.of());
    assertThat(c.keysStartingWith("servicekit.log.level."))
        .containsExactly("servicekit.log.level.a", "servicekit.log.level.b");
  }

  @Test
  void recognisesSecretKeys() {
    assertThat(ServiceConfig.isSecretKey("servicekit.registry.token")).isTrue();
    assertThat(ServiceConfig.isSecretKey("CONSUL_CLIENT_KEY")).isTrue();
    assertThat(ServiceConfig.isSecretKey("db.password")).isTrue();
    assertThat(ServiceConfig.isSecretKey("servicekit.service.name")).isFalse();
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
  void mapsKeepOrderSplitAtTheFirstEqualsAndRejectEntriesWithoutAKey() {
    ServiceConfig c = config(Map.of("m", "b=2, a = 1,c=x=y", "bad", "a=1,=2"), Map.of());
    assertThat(c.getMap("m"))
        .containsExactly(Map.entry("b", "2"), Map.entry("a", "1"), Map.entry("c", "x=y"));
    assertThatThrownBy(() -> c.getMap("bad")).isInstanceOf(ConfigException.class);
  }

  @Test
  void integersOutOfRangeAreRejected() {
    ServiceConfig c = config(Map.of("i", "99999999999", "p", "65536"), Map.of());
    assertThatThrownBy(() -> c.getInt("i", 1)).hasMessageEndingWith("expected an integer");
    assertThatThrownBy(() -> c.getPort("p", 1))
        .hasMessage(
            "Invalid configuration p='65536' (from system property p): expected an integer from 0"
                + " to 65535");
  }
}
