package dev.servicekit.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.config.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What servicekit-correlation's module-info says to a user on the module path. */
class ModuleDescriptorTest {

  private static final ModuleDescriptor MODULE = ModuleDescriptors.of(Correlation.class);

  @Test
  void isNamedAfterItsRootPackage() {
    assertThat(MODULE.name()).isEqualTo("dev.servicekit.correlation");
  }

  @Test
  void exportsTheApiAndEveryIntegrationButNotInternal() {
    assertThat(ModuleDescriptors.exports(MODULE))
        .containsExactly(
            "dev.servicekit.correlation",
            "dev.servicekit.correlation.amqp",
            "dev.servicekit.correlation.http",
            "dev.servicekit.correlation.httpclient5",
            "dev.servicekit.correlation.jms",
            "dev.servicekit.correlation.kafka",
            "dev.servicekit.correlation.okhttp",
            "dev.servicekit.correlation.servlet")
        .isEqualTo(ModuleDescriptors.apiPackages(MODULE))
        .doesNotContain("dev.servicekit.correlation.internal");
    assertThat(ModuleDescriptors.qualifiedExportsAndOpens(MODULE)).isEmpty();
  }

  @Test
  void readsTheOptionalLibrariesOnlyWhenPresent() {
    assertThat(ModuleDescriptors.requires(MODULE))
        .containsExactlyInAnyOrder(
            "requires transitive dev.servicekit.config",
            "requires transitive io.opentelemetry.context",
            "requires transitive java.net.http",
            "requires transitive jdk.httpserver",
            "requires io.opentelemetry.api",
            "requires org.slf4j",
            "requires static transitive com.rabbitmq.client",
            "requires static transitive jakarta.messaging",
            "requires static transitive jakarta.servlet",
            "requires static transitive kafka.clients",
            "requires static transitive okhttp3",
            "requires static transitive org.apache.httpcomponents.core5.httpcore5",
            "requires static transitive org.jspecify");
  }

  @Test
  void providesWhatMetaInfServicesListsForTheClassPath() {
    assertThat(ModuleDescriptors.provides(MODULE))
        .isEqualTo(ModuleDescriptors.serviceFiles(Correlation.class))
        .isEqualTo(
            Map.of(
                "dev.servicekit.config.spi.MeterSource",
                Set.of("dev.servicekit.correlation.internal.CorrelationMeters"),
                "dev.servicekit.config.spi.SettingsCheck",
                Set.of("dev.servicekit.correlation.internal.CorrelationSettingsCheck")));
    assertThat(MODULE.uses()).isEmpty();
  }
}
