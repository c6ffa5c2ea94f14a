package dev.servicekit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasModifiers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.servicekit.config.ApiSurface;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Dependency and API-surface rules of servicekit-core, checked on the compiled classes. */
class ArchitectureTest {

  private static final JavaClasses CORE = importMainClasses();

  private static JavaClasses importMainClasses() {
    try {
      Path classes =
          Path.of(ServiceRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new ClassFileImporter().importPath(classes);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void coreDependsOnlyOnTheJdkConfigSlf4jAndMicrometer() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "com.sun.net.httpserver..",
            "org.slf4j..",
            "io.micrometer..",
            "org.jspecify.annotations",
            "dev.servicekit.config..",
            "dev.servicekit.core..")
        .check(CORE);
  }

  @Test
  void onlyPrometheusMetricsTouchesTheOptionalPrometheusRegistry() {
    classes()
        .that()
        .doNotHaveFullyQualifiedName(PrometheusMetrics.class.getName())
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideOutsideOfPackages(
                "io.micrometer.prometheusmetrics..", "io.prometheus.."))
        .check(CORE);
  }

  @Test
  void theSpiUsesOnlyPublicTypes() {
    classes()
        .that()
        .resideInAPackage("dev.servicekit.core.spi")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideOutsideOfPackage("dev.servicekit.core")
                .or(HasModifiers.Predicates.modifier(JavaModifier.PUBLIC)))
        .check(CORE);
  }

  @Test
  void thePublicApiIsTheDocumentedSet() {
    classes()
        .that()
        .arePublic()
        .and()
        .resideInAPackage("dev.servicekit.core")
        .should()
        .haveNameMatching(
            "dev\\.servicekit\\.core\\.(ServiceRuntime|ServiceRuntime\\$Builder|ServiceInfo"
                + "|HealthCheck|HealthCheck\\$Kind|HealthStatus)")
        .check(CORE);
  }

  @Test
  void noStaticInitialiserLoadsServices() {
    List<String> offenders = new ArrayList<>();
    for (JavaClass c : CORE) {
      c.getStaticInitializer()
          .ifPresent(
              init ->
                  init.getMethodCallsFromSelf().stream()
                      .filter(call -> call.getTargetOwner().isEquivalentTo(ServiceLoader.class))
                      .forEach(call -> offenders.add(c.getName())));
    }
    assertThat(CORE.size()).isGreaterThan(10);
    assertThat(offenders).isEmpty();
  }

  @Test
  void theSpiIsTheDocumentedSet() {
    assertThat(ApiSurface.publicTypes(CORE, List.of("dev.servicekit.core.spi")))
        .containsExactly(
            "dev.servicekit.core.spi.ComponentContext",
            "dev.servicekit.core.spi.ComponentProvider",
            "dev.servicekit.core.spi.ServiceComponent");
  }
}
