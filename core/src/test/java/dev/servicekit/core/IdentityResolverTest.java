package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.GrammarCases;
import dev.servicekit.config.OtelResourceAttributes;
import dev.servicekit.config.ServiceConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {

  private static final Map<String, String> ADDRESS = Map.of("SERVICE_ADDRESS", "10.0.0.1");

  private static ServiceInfo resolve(
      Map<String, String> overrides, Properties props, Map<String, String> env) {
    Map<String, String> withAddress = new java.util.HashMap<>(ADDRESS);
    withAddress.putAll(env);
    return IdentityResolver.resolve(
        ServiceConfig.of(overrides, props, withAddress), List.of(), Map.of());
  }

  private static ServiceInfo resolve(Map<String, String> env) {
    return resolve(Map.of(), new Properties(), env);
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }

  @Test
  void nameFollowsBuilderThenPropertyThenEnvironmentThenOpenTelemetry() {
    Map<String, String> env =
        Map.of(
            "SERVICEKIT_SERVICE_NAME", "from-servicekit-env",
            "SERVICE_NAME", "from-service-name",
            "OTEL_SERVICE_NAME", "from-otel",
            "OTEL_RESOURCE_ATTRIBUTES", "service.name=from-resource");
    Properties props = props("servicekit.service.name", "from-property");
    assertThat(resolve(Map.of("servicekit.service.name", "from-builder"), props, env).name())
        .isEqualTo("from-builder");
    assertThat(resolve(Map.of(), props, env).name()).isEqualTo("from-property");
    assertThat(resolve(env).name()).isEqualTo("from-servicekit-env");
    Map<String, String> fewer = new java.util.HashMap<>(env);
    fewer.remove("SERVICEKIT_SERVICE_NAME");
    assertThat(resolve(fewer).name()).isEqualTo("from-service-name");
    fewer.remove("SERVICE_NAME");
    assertThat(resolve(fewer).name()).isEqualTo("from-otel");
    fewer.remove("OTEL_SERVICE_NAME");
    assertThat(resolve(fewer).name()).isEqualTo("from-resource");
  }

  @Test
  void theOtelServiceNameSystemPropertyCountsLikeItsVariable() {
    assertThat(resolve(Map.of(), props("otel.service.name", "orders"), Map.of()).name())
        .isEqualTo("orders");
  }

  @Test
  void versionAndEnvironmentComeFromOpenTelemetryResourceAttributes() {
    ServiceInfo info =
        resolve(
            Map.of(
                "OTEL_SERVICE_NAME", "orders",
                "OTEL_RESOURCE_ATTRIBUTES",
                    "service.version=2.0.1,deployment.environment.name=prod%20eu,deployment.environment=old"));
    assertThat(info.version()).isEqualTo("2.0.1");
    assertThat(info.environment()).isEqualTo("prod eu");
  }

  @Test
  void theLegacyDeploymentEnvironmentAttributeIsAFallback() {
    assertThat(
            resolve(
                    Map.of(
                        "SERVICE_NAME", "orders",
                        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging"))
                .environment())
        .isEqualTo("staging");
  }

  @Test
  void servicekitKeysWinOverResourceAttributes() {
    ServiceInfo info =
        resolve(
            Map.of(
                "SERVICE_NAME", "orders",
                "SERVICEKIT_SERVICE_VERSION", "3",
                "SERVICEKIT_SERVICE_ENVIRONMENT", "dev",
                "OTEL_RESOURCE_ATTRIBUTES", "service.version=2,deployment.environment.name=prod"));
    assertThat(info.version()).isEqualTo("3");
    assertThat(info.environment()).isEqualTo("dev");
  }

  @Test
  void defaultsAreUnknownVersionAndDefaultEnvironment() {
    ServiceInfo info = resolve(Map.of("SERVICE_NAME", "orders"));
    assertThat(info.version()).isEqualTo("unknown");
    assertThat(info.environment()).isEqualTo("default");
    assertThat(info.port()).isZero();
    assertThat(info.tags()).isEmpty();
    assertThat(info.meta()).isEmpty();
  }

  @Test
  void aMalformedResourceAttributesValueIsIgnoredAsAWhole() {
    ServiceInfo info =
        resolve(
            Map.of(
                "SERVICE_NAME", "orders",
                "OTEL_RESOURCE_ATTRIBUTES", "service.version=2,broken"));
    assertThat(info.version()).isEqualTo("unknown");
  }

  @Test
  void instanceIdsNameTheServiceAndHostAndDifferPerRuntime() {
    Map<String, String> env =
        Map.of("SERVICE_NAME", "Orders.API", "HOSTNAME", "node-7.example.com");
    ServiceInfo one = resolve(env);
    ServiceInfo two = resolve(env);
    assertThat(one.instanceId()).matches("orders-api-node-7-[0-9a-f]{8}");
    assertThat(one.instanceId()).isNotEqualTo(two.instanceId());
  }

  @Test
  void aConfiguredInstanceIdWins() {
    assertThat(
            resolve(Map.of("SERVICE_NAME", "orders", "SERVICEKIT_SERVICE_INSTANCE_ID", "orders-1"))
                .instanceId())
        .isEqualTo("orders-1");
  }

  @Test
  void tagsAndMetaMergeBuilderValuesWithConfiguredOnes() {
    ServiceInfo info =
        IdentityResolver.resolve(
            ServiceConfig.of(
                Map.of(),
                new Properties(),
                Map.of(
                    "SERVICE_NAME", "orders",
                    "SERVICE_ADDRESS", "10.0.0.1",
                    "SERVICEKIT_SERVICE_TAGS", "blue, canary,,primary",
                    "SERVICEKIT_SERVICE_META", "team=core, tier=gold")),
            List.of("primary", "v2"),
            Map.of("tier", "silver"));
    assertThat(info.tags()).containsExactly("primary", "v2", "blue", "canary");
    assertThat(info.meta()).containsEntry("team", "core").containsEntry("tier", "silver");
  }

  @Test
  void malformedMetaFailsNamingTheKey() {
    assertThatThrownBy(
            () -> resolve(Map.of("SERVICE_NAME", "orders", "SERVICEKIT_SERVICE_META", "noequals")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.service.meta");
  }

  @Test
  void aNameWithSpacesIsRejected() {
    assertThatThrownBy(() -> resolve(Map.of("SERVICE_NAME", "my orders")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SERVICE_NAME='my orders' (from environment variable SERVICE_NAME)");
  }

  @Test
  void noNameAnywhereFailsListingWhereToSetIt() {
    assertThatThrownBy(() -> resolve(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no value")
        .hasMessageContaining("SERVICE_NAME")
        .hasMessageContaining("OTEL_SERVICE_NAME");
  }

  @Test
  void resourceAttributesFollowTheSharedGrammarTable() {
    for (GrammarCases.Case c : GrammarCases.of("otel")) {
      Map<String, String> env =
          Map.of("OTEL_SERVICE_NAME", "fallback", "OTEL_RESOURCE_ATTRIBUTES", c.input());
      ServiceInfo info = resolve(env);
      if (c.invalid()) {
        assertThat(info.name()).as(c.toString()).isEqualTo("fallback");
        assertThat(info.version()).as(c.toString()).isEqualTo(IdentityResolver.DEFAULT_VERSION);
      } else {
        Map<String, String> parsed = OtelResourceAttributes.parse(c.input()).orElseThrow();
        assertThat(GrammarCases.attributes(parsed)).isEqualTo(c.expected());
        assertThat(info.version())
            .as(c.toString())
            .isEqualTo(parsed.getOrDefault("service.version", IdentityResolver.DEFAULT_VERSION));
        assertThat(info.environment())
            .as(c.toString())
            .isEqualTo(
                parsed.getOrDefault(
                    "deployment.environment.name", IdentityResolver.DEFAULT_ENVIRONMENT));
      }
    }
  }
}
