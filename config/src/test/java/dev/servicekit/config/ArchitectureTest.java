package dev.servicekit.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** servicekit-config is the bottom module: it depends on the JDK alone. */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.servicekit.config");

  @Test
  void dependsOnTheJdkAlone() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        // JSpecify's annotations are read at compile time only (requires static)
        .resideInAnyPackage("java..", "org.jspecify.annotations", "dev.servicekit.config..")
        .check(classes);
  }

  @Test
  void theSpiDependsOnlyOnThePublicApi() {
    classes()
        .that()
        .resideInAPackage("dev.servicekit.config.spi")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.jspecify.annotations",
            "dev.servicekit.config",
            "dev.servicekit.config.spi")
        .check(classes);
  }

  @Test
  void thePublicApiIsTheDocumentedSet() {
    assertThat(
            ApiSurface.publicTypes(
                classes, List.of("dev.servicekit.config", "dev.servicekit.config.spi")))
        .containsExactly(
            "dev.servicekit.config.ConfigException",
            "dev.servicekit.config.IdentityChain",
            "dev.servicekit.config.IdentityChain$Found",
            "dev.servicekit.config.OtelResourceAttributes",
            "dev.servicekit.config.ProcessConfig",
            "dev.servicekit.config.ProcessConfig$Layer",
            "dev.servicekit.config.ServiceConfig",
            "dev.servicekit.config.ServiceIdentity",
            "dev.servicekit.config.Setting",
            "dev.servicekit.config.Values",
            "dev.servicekit.config.spi.MeterSink",
            "dev.servicekit.config.spi.MeterSource",
            "dev.servicekit.config.spi.SettingsCheck");
  }
}
