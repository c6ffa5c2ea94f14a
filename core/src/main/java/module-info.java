/**
 * servicekit-core: the service runtime (lifecycle, identity, health, the management endpoint) and
 * the SPI through which other modules plug components into it.
 *
 * <p>Components, settings checks and meter sources are found with {@link java.util.ServiceLoader}
 * when a runtime starts. The Prometheus registry is optional: without it the management endpoint
 * serves no {@code /metrics}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.servicekit.core {
  requires transitive dev.servicekit.config;
  requires transitive micrometer.core;
  requires transitive jdk.httpserver;
  requires org.slf4j;
  requires static micrometer.registry.prometheus;
  requires static transitive org.jspecify;

  exports dev.servicekit.core;
  exports dev.servicekit.core.spi;

  uses dev.servicekit.config.spi.MeterSource;
  uses dev.servicekit.config.spi.SettingsCheck;
  uses dev.servicekit.core.spi.ComponentProvider;
}
