package dev.servicekit.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.servicekit.config.ApiSurface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dependency rules of the module, as tests rather than hopes. */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.servicekit.registry");

  @Test
  void thePublicApiDoesNotDependOnTheImplementationOrItsLibraries() {
    noClasses()
        .that()
        .resideInAPackage("dev.servicekit.registry")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.servicekit.registry.internal..",
            "com.ecwid..",
            "org.apache.http..",
            "com.google.gson..")
        .check(classes);
  }

  @Test
  void onlyTheTransportTalksToConsulApiAndHttpClient() {
    noClasses()
        .that()
        .doNotHaveSimpleName("ConsulTransport")
        .and()
        .haveNameNotMatching(".*ConsulTransport\\$.*")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.ecwid..", "org.apache.http..")
        .check(classes);
  }

  @Test
  void onlyTheMappingReadsAndWritesConsulJson() {
    noClasses()
        .that()
        .doNotHaveSimpleName("ConsulMapping")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.google.gson..")
        .check(classes);
  }

  @Test
  void thePublicApiIsTheDocumentedSet() {
    assertThat(ApiSurface.publicTypes(classes, List.of("dev.servicekit.registry")))
        .containsExactly(
            "dev.servicekit.registry.CacheStatus",
            "dev.servicekit.registry.InstanceListener",
            "dev.servicekit.registry.LoadBalancer",
            "dev.servicekit.registry.ServiceDiscovery",
            "dev.servicekit.registry.ServiceInstance",
            "dev.servicekit.registry.Subscription");
  }
}
