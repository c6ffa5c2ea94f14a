package dev.servicekit.correlation.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.correlation.Correlation;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The messaging client libraries are optional: a service with only slf4j-api and opentelemetry-api
 * on its class path uses the whole core API without loading a Kafka, JMS or AMQP class.
 */
class OptionalMessagingDependenciesTest {

  @Test
  void theCoreApiWorksWithoutAnyMessagingClientOnTheClassPath() throws Exception {
    try (URLClassLoader loader = withoutMessagingClients()) {
      Class<?> correlation = Class.forName(Correlation.class.getName(), true, loader);
      Class<?> propagatorType =
          Class.forName("dev.servicekit.correlation.CorrelationPropagator", true, loader);
      Object propagator = propagatorType.getMethod("messaging").invoke(null);
      List<String> written = new ArrayList<>();
      BiConsumer<String, String> setter = (name, value) -> written.add(name);
      UnaryOperator<String> getter = name -> name.equals("correlation_id") ? "isolated-1" : null;

      try (AutoCloseable scope =
          (AutoCloseable)
              propagatorType.getMethod("extract", UnaryOperator.class).invoke(propagator, getter)) {
        assertThat(correlation.getMethod("currentId").invoke(null)).isEqualTo("isolated-1");
        propagatorType.getMethod("inject", BiConsumer.class).invoke(propagator, setter);
      }

      assertThat(written).contains("correlation_id");
    }
  }

  @Test
  void theIsolatedClassPathReallyLacksTheMessagingClients() throws Exception {
    try (URLClassLoader loader = withoutMessagingClients()) {
      for (String adapter :
          List.of(
              "dev.servicekit.correlation.kafka.KafkaCorrelation",
              "dev.servicekit.correlation.jms.JmsCorrelation",
              "dev.servicekit.correlation.amqp.AmqpCorrelation")) {
        assertThatThrownBy(() -> Class.forName(adapter, true, loader).getMethods())
            .as(adapter)
            .isInstanceOf(NoClassDefFoundError.class);
      }
    }
  }

  /** This module's main classes plus slf4j-api and the OpenTelemetry API jars, nothing else. */
  private static URLClassLoader withoutMessagingClients() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(
        Path.of(Correlation.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toUri()
            .toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean api = name.startsWith("opentelemetry-") && !name.startsWith("opentelemetry-sdk");
      if (name.startsWith("slf4j-api-") || api) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }
}
