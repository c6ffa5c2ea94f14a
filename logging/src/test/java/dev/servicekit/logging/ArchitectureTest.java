package dev.servicekit.logging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.servicekit.config.ApiSurface;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of servicekit-logging: it knows servicekit-config, SLF4J and (optionally)
 * the OpenTelemetry API, never the runtime, correlation or Micrometer; tests use core only to run
 * real runtimes.
 */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.servicekit.logging");

  @Test
  void loggingKnowsServicekitConfigButNotCoreCorrelationOrMicrometer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.servicekit.core..", "dev.servicekit.correlation..", "io.micrometer..")
        .check(classes);
  }

  @Test
  void thePublicApiIsTheDocumentedSet() {
    assertThat(ApiSurface.publicTypes(classes, List.of("dev.servicekit.logging")))
        .containsExactly(
            "dev.servicekit.logging.LogCounters",
            "dev.servicekit.logging.LogProfile",
            "dev.servicekit.logging.LogProfile$LogField",
            "dev.servicekit.logging.LogProfile$TimestampFormat",
            "dev.servicekit.logging.LogProfile$TraceFormat",
            "dev.servicekit.logging.ServicekitLogging");
  }
}
