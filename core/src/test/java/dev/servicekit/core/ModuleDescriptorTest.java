package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.config.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** What servicekit-core's module-info says to a user on the module path. */
class ModuleDescriptorTest {

  private static final ModuleDescriptor MODULE = ModuleDescriptors.of(ServiceRuntime.class);

  @Test
  void isNamedAfterItsRootPackage() {
    assertThat(MODULE.name()).isEqualTo("dev.servicekit.core");
  }

  @Test
  void exportsTheRuntimeAndTheSpi() {
    assertThat(ModuleDescriptors.exports(MODULE))
        .containsExactly("dev.servicekit.core", "dev.servicekit.core.spi")
        .isEqualTo(ModuleDescriptors.apiPackages(MODULE));
    assertThat(ModuleDescriptors.qualifiedExportsAndOpens(MODULE)).isEmpty();
  }

  @Test
  void passesOnTheModulesWhoseTypesItsApiShows() {
    assertThat(ModuleDescriptors.requires(MODULE))
        .containsExactlyInAnyOrder(
            "requires transitive dev.servicekit.config",
            "requires transitive micrometer.core",
            "requires transitive jdk.httpserver",
            "requires org.slf4j",
            "requires static micrometer.registry.prometheus",
            "requires static transitive org.jspecify");
  }

  @Test
  void usesTheServicesItLoadsAtStart() {
    assertThat(MODULE.uses())
        .containsExactlyInAnyOrder(
            "dev.servicekit.config.spi.MeterSource",
            "dev.servicekit.config.spi.SettingsCheck",
            "dev.servicekit.core.spi.ComponentProvider");
  }

  @Test
  void providesNothing() {
    assertThat(ModuleDescriptors.provides(MODULE)).isEmpty();
    assertThat(ModuleDescriptors.serviceFiles(ServiceRuntime.class)).isEmpty();
  }
}
