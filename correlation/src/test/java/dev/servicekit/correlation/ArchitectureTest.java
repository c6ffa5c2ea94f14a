package dev.servicekit.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.servicekit.config.ApiSurface;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public API of servicekit-correlation, pinned to its documented set; the dependency rules
 * between its packages are in {@link PackageDependenciesTest}.
 */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.servicekit.correlation");

  @Test
  void theCoreApiIsTheDocumentedSet() {
    assertThat(ApiSurface.publicTypes(classes, List.of("dev.servicekit.correlation")))
        .containsExactly(
            "dev.servicekit.correlation.Correlation",
            "dev.servicekit.correlation.CorrelationPropagator",
            "dev.servicekit.correlation.CorrelationPropagator$Builder",
            "dev.servicekit.correlation.InboundPolicy",
            "dev.servicekit.correlation.TraceContextMode");
  }

  @Test
  void eachHttpIntegrationIsOneEntryPoint() {
    assertThat(
            ApiSurface.publicTypes(
                classes,
                List.of(
                    "dev.servicekit.correlation.http",
                    "dev.servicekit.correlation.httpclient5",
                    "dev.servicekit.correlation.okhttp",
                    "dev.servicekit.correlation.servlet")))
        .containsExactly(
            "dev.servicekit.correlation.http.CorrelatingHttpClient",
            "dev.servicekit.correlation.http.CorrelationFilter",
            "dev.servicekit.correlation.httpclient5.CorrelationRequestInterceptor",
            "dev.servicekit.correlation.okhttp.CorrelationInterceptor",
            "dev.servicekit.correlation.servlet.CorrelationServletFilter");
  }

  @Test
  void eachMessagingIntegrationIsAStaticEntryPointAndAnInstanceForm() {
    assertThat(
            ApiSurface.publicTypes(
                classes,
                List.of(
                    "dev.servicekit.correlation.amqp",
                    "dev.servicekit.correlation.jms",
                    "dev.servicekit.correlation.kafka")))
        .containsExactly(
            "dev.servicekit.correlation.amqp.AmqpCorrelation",
            "dev.servicekit.correlation.amqp.AmqpCorrelator",
            "dev.servicekit.correlation.jms.JmsCorrelation",
            "dev.servicekit.correlation.jms.JmsCorrelator",
            "dev.servicekit.correlation.kafka.CorrelationProducerInterceptor",
            "dev.servicekit.correlation.kafka.KafkaCorrelation",
            "dev.servicekit.correlation.kafka.KafkaCorrelator");
  }
}
