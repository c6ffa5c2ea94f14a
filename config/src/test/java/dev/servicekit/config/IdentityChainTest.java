package dev.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityChainTest {

  private final List<ConfigException> problems = new ArrayList<>();

  private ServiceIdentity resolve(Map<String, String> props, Map<String, String> env) {
    return IdentityChain.resolve(ServiceConfig.of(Map.of(), props, env), problems::add);
  }

  @Test
  void eachNameSourceWinsOverTheNextInOrder() {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "SERVICEKIT_SERVICE_NAME", "servicekit-env",
                "SERVICE_NAME", "service-name",
                "OTEL_SERVICE_NAME", "otel-name",
                "OTEL_RESOURCE_ATTRIBUTES", "service.name=resource"));
    assertThat(resolve(Map.of("servicekit.service.name", "prop"), env).name()).contains("prop");
    assertThat(resolve(Map.of(), env).name()).contains("servicekit-env");
    env.remove("SERVICEKIT_SERVICE_NAME");
    assertThat(resolve(Map.of(), env).name()).contains("service-name");
    env.remove("SERVICE_NAME");
    assertThat(resolve(Map.of(), env).name()).contains("otel-name");
    assertThat(resolve(Map.of("otel.service.name", "otel-prop"), env).name()).contains("otel-prop");
    env.remove("OTEL_SERVICE_NAME");
    assertThat(resolve(Map.of(), env).name()).contains("resource");
    assertThat(problems).isEmpty();
  }

  @Test
  void versionEnvironmentAndInstanceIdComeFromServicekitKeysThenResourceAttributes() {
    String attributes =
        "service.version=2.0,deployment.environment=old,deployment.environment.name=prod,"
            + "service.instance.id=i-1";
    ServiceIdentity fromOtel = resolve(Map.of(), Map.of("OTEL_RESOURCE_ATTRIBUTES", attributes));
    assertThat(fromOtel).isEqualTo(ServiceIdentity.of(null, "2.0", "prod", "i-1"));
    ServiceIdentity own =
        resolve(
            Map.of(
                "servicekit.service.version", "3.0",
                "servicekit.service.environment", "dev",
                "servicekit.service.instance-id", "mine"),
            Map.of("OTEL_RESOURCE_ATTRIBUTES", attributes));
    assertThat(own).isEqualTo(ServiceIdentity.of(null, "3.0", "dev", "mine"));
    assertThat(
            resolve(Map.of(), Map.of("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=qa"))
                .environment())
        .contains("qa");
  }

  @Test
  void aMalformedResourceAttributesValueIsDiscardedWholeAndReported() {
    ServiceIdentity identity =
        resolve(
            Map.of(),
            Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=orders,service.version=bad%zz"));
    assertThat(identity).isEqualTo(ServiceIdentity.NONE);
    assertThat(problems)
        .singleElement()
        .extracting(ConfigException::key)
        .isEqualTo("otel.resource.attributes");
  }

  @Test
  void findTellsWhereEachPartCameFrom() {
    IdentityChain.Found found =
        IdentityChain.find(
            ServiceConfig.of(
                Map.of(), Map.of(), Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=a%2Fb")),
            problems::add);
    assertThat(found.name())
        .contains(new Setting("service.name", "a/b", "OTEL_RESOURCE_ATTRIBUTES service.name"));
    assertThat(found.version()).isEmpty();
  }

  @Test
  void identitiesTreatBlankPartsAsUnknown() {
    assertThat(ServiceIdentity.of(" ", null, "", "  ")).isEqualTo(ServiceIdentity.NONE);
    assertThat(ServiceIdentity.of(" a ", null, null, null).name()).contains("a");
  }
}
