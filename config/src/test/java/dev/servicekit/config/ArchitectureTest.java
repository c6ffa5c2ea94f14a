package dev.servicekit.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
        .resideInAnyPackage("java..", "dev.servicekit.config..")
        .check(classes);
  }

  @Test
  void theSpiDependsOnlyOnThePublicApi() {
    classes()
        .that()
        .resideInAPackage("dev.servicekit.config.spi")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.servicekit.config", "dev.servicekit.config.spi")
        .check(classes);
  }
}
