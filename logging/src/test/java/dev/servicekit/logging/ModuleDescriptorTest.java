package dev.servicekit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.config.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What servicekit-logging's module-info says to a user on the module path. */
class ModuleDescriptorTest {

  private static final ModuleDescriptor MODULE = ModuleDescriptors.of(ServicekitLogging.class);

  @Test
  void isNamedAfterItsRootPackage() {
    assertThat(MODULE.name()).isEqualTo("dev.servicekit.logging");
  }

  @Test
  void exportsOnlyTheApiAndOpensTheImplementationToCommonsLoggingAlone() {
    assertThat(ModuleDescriptors.exports(MODULE))
        .containsExactly("dev.servicekit.logging")
        .isEqualTo(ModuleDescriptors.apiPackages(MODULE));
    assertThat(ModuleDescriptors.qualifiedExportsAndOpens(MODULE))
        .containsExactly("opens dev.servicekit.logging.internal to commons.logging");
  }

  @Test
  void readsConfigAndSlf4jAndTheOptionalBridgesOnlyWhenPresent() {
    assertThat(ModuleDescriptors.requires(MODULE))
        .containsExactlyInAnyOrder(
            "requires transitive org.slf4j",
            "requires dev.servicekit.config",
            "requires java.logging",
            "requires static commons.logging",
            "requires static io.opentelemetry.api",
            "requires static transitive org.jspecify");
  }

  @Test
  void providesWhatMetaInfServicesListsForTheClassPathButCommonsLogging() {
    Map<String, Set<String>> classPath = ModuleDescriptors.serviceFiles(ServicekitLogging.class);
    assertThat(classPath)
        .containsEntry(
            "org.apache.commons.logging.LogFactory",
            Set.of("dev.servicekit.logging.internal.CommonsLogFactory"));
    // an optional service type cannot be provided: without commons-logging the boot layer fails
    classPath.remove("org.apache.commons.logging.LogFactory");
    assertThat(ModuleDescriptors.provides(MODULE))
        .isEqualTo(classPath)
        .isEqualTo(
            Map.of(
                "dev.servicekit.config.spi.MeterSource",
                Set.of("dev.servicekit.logging.internal.LoggingMeters"),
                "java.lang.System$LoggerFinder",
                Set.of("dev.servicekit.logging.internal.SystemLoggerFinder"),
                "org.slf4j.spi.SLF4JServiceProvider",
                Set.of("dev.servicekit.logging.internal.ServicekitServiceProvider")));
    assertThat(MODULE.uses()).isEmpty();
  }
}
