package dev.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** What servicekit-config's module-info says to a user on the module path. */
class ModuleDescriptorTest {

  private static final ModuleDescriptor MODULE = ModuleDescriptors.of(ServiceConfig.class);

  @Test
  void isNamedAfterItsRootPackage() {
    assertThat(MODULE.name()).isEqualTo("dev.servicekit.config");
  }

  @Test
  void exportsTheApiAndTheSpi() {
    assertThat(ModuleDescriptors.exports(MODULE))
        .containsExactly("dev.servicekit.config", "dev.servicekit.config.spi")
        .isEqualTo(ModuleDescriptors.apiPackages(MODULE));
    assertThat(ModuleDescriptors.qualifiedExportsAndOpens(MODULE)).isEmpty();
  }

  @Test
  void readsTheJdkAloneAtRunTime() {
    assertThat(ModuleDescriptors.requires(MODULE))
        .containsExactly("requires static transitive org.jspecify");
  }

  @Test
  void neitherUsesNorProvidesServices() {
    assertThat(MODULE.uses()).isEmpty();
    assertThat(ModuleDescriptors.provides(MODULE)).isEmpty();
    assertThat(ModuleDescriptors.serviceFiles(ServiceConfig.class)).isEmpty();
  }
}
