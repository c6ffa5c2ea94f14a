package dev.servicekit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.config.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What servicekit-registry-client's module-info says to a user on the module path. */
class ModuleDescriptorTest {

  private static final ModuleDescriptor MODULE = ModuleDescriptors.of(ServiceDiscovery.class);

  @Test
  void isNamedAfterItsRootPackage() {
    assertThat(MODULE.name()).isEqualTo("dev.servicekit.registry");
  }

  @Test
  void exportsOnlyTheDiscoveryApi() {
    assertThat(ModuleDescriptors.exports(MODULE))
        .containsExactly("dev.servicekit.registry")
        .isEqualTo(ModuleDescriptors.apiPackages(MODULE));
    assertThat(ModuleDescriptors.qualifiedExportsAndOpens(MODULE)).isEmpty();
  }

  @Test
  void providesTheConsulComponentListedInMetaInfServices() {
    assertThat(ModuleDescriptors.provides(MODULE))
        .isEqualTo(ModuleDescriptors.serviceFiles(ServiceDiscovery.class))
        .isEqualTo(
            Map.of(
                "dev.servicekit.core.spi.ComponentProvider",
                Set.of("dev.servicekit.registry.internal.ConsulRegistryProvider")));
    assertThat(MODULE.uses()).isEmpty();
  }

  @Test
  void readsCoreAndTheConsulClientWithoutPassingThemOn() {
    assertThat(ModuleDescriptors.requires(MODULE))
        .contains(
            "requires dev.servicekit.core",
            "requires consul.api",
            "requires static transitive org.jspecify")
        .filteredOn(r -> !r.endsWith(" org.jspecify"))
        .allSatisfy(r -> assertThat(r).doesNotContain("transitive"));
  }
}
