package dev.servicekit.correlation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Optional integrations stay optional: a user without a library never loads a class that needs it,
 * because nothing outside an integration package refers to it.
 */
class PackageDependenciesTest {

  private static final String[] OPTIONAL_LIBRARIES = {
    "jakarta.servlet..",
    "okhttp3..",
    "okio..",
    "kotlin..",
    "org.apache.hc..",
    "org.apache.kafka..",
    "jakarta.jms..",
    "com.rabbitmq.."
  };

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.servicekit.correlation");

  @Test
  void coreAndJdkPackagesUseNoOptionalLibrary() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.servicekit.correlation",
            "dev.servicekit.correlation.internal",
            "dev.servicekit.correlation.http")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(OPTIONAL_LIBRARIES)
        .check(classes);
  }

  @Test
  void coreAndJdkPackagesDoNotReferToIntegrationPackages() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.servicekit.correlation",
            "dev.servicekit.correlation.internal",
            "dev.servicekit.correlation.http")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.servicekit.correlation.servlet..",
            "dev.servicekit.correlation.okhttp..",
            "dev.servicekit.correlation.httpclient5..")
        .check(classes);
  }

  @Test
  void eachHttpIntegrationUsesOnlyItsOwnLibrary() {
    noClasses()
        .that()
        .resideInAPackage("dev.servicekit.correlation.servlet..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("okhttp3..", "org.apache.hc..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.servicekit.correlation.okhttp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "org.apache.hc..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.servicekit.correlation.httpclient5..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "okhttp3..")
        .check(classes);
  }

  @Test
  void correlationKnowsServicekitConfigButNotCoreOrLogging() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.servicekit.core..", "dev.servicekit.logging..")
        .check(classes);
  }
}
