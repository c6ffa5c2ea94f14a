/**
 * servicekit-registry-client: Consul self-registration and discovery, plugged into a {@code
 * ServiceRuntime} as a component found through {@link java.util.ServiceLoader}.
 *
 * <p>Only {@link dev.servicekit.registry} is API; the Consul client and its libraries stay
 * internal. consul-api has no module name of its own: {@code consul.api} is the one its jar's file
 * name gives.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.servicekit.registry {
  requires dev.servicekit.core;
  requires com.google.gson;
  requires consul.api;
  requires micrometer.core;
  requires org.apache.httpcomponents.httpclient;
  requires org.apache.httpcomponents.httpcore;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.servicekit.registry;

  provides dev.servicekit.core.spi.ComponentProvider with
      dev.servicekit.registry.internal.ConsulRegistryProvider;
}
