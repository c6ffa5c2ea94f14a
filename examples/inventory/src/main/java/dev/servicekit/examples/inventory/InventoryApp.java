package dev.servicekit.examples.inventory;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.config.ConfigException;
import dev.servicekit.config.IdentityChain;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Setting;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.correlation.http.CorrelationFilter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the inventory service: its HTTP API, and its servicekit runtime (registration in Consul,
 * management endpoint, graceful stop). Run it twice and orders spreads its calls over both.
 *
 * <p>Configuration, all through {@code servicekit.*} system properties or {@code SERVICEKIT_*}
 * environment variables (plus Consul's own {@code CONSUL_*} variables):
 *
 * <ul>
 *   <li>{@code servicekit.service.name} - the name to register under (default {@value
 *       #SERVICE_NAME})
 *   <li>{@code servicekit.service.port} - the API port (default 8080, 0 for any free port)
 *   <li>{@code servicekit.examples.http.address} - the API bind address (default 0.0.0.0)
 *   <li>{@code servicekit.examples.inventory.stock} - initial stock as {@code sku=count,...}
 *       (default {@code widget=100,gadget=3,gizmo=0})
 * </ul>
 */
public final class InventoryApp {

  /** The API bind address key. */
  public static final String HTTP_ADDRESS = "servicekit.examples.http.address";

  /** The initial stock key. */
  public static final String STOCK = "servicekit.examples.inventory.stock";

  /** The name the service registers under unless configured otherwise. */
  public static final String SERVICE_NAME = "inventory";

  private InventoryApp() {}

  /**
   * Runs the service until the process is stopped (SIGTERM stops it gracefully). The service name
   * defaults to {@value #SERVICE_NAME}.
   *
   * @param args ignored: configuration comes from the environment
   * @throws IOException when the API port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    start(ServiceConfig.fromEnvironment());
  }

  /**
   * Starts the service with the given configuration; {@code runtime.close()} stops all of it.
   *
   * @throws IOException when the API port cannot be bound
   * @throws ConfigException when a setting is invalid
   */
  public static ServiceRuntime start(ServiceConfig config) throws IOException {
    Logger log = LoggerFactory.getLogger(InventoryApp.class);
    Map<String, String> initial = config.getMap(STOCK);
    Stock stock;
    try {
      stock = new Stock(initial.isEmpty() ? Stock.DEFAULT : initial);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          STOCK, config.getString(STOCK, ""), null, "sku=count pairs with counts >= 0");
    }
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(
                config.getString(HTTP_ADDRESS, "0.0.0.0"),
                config.getPort("servicekit.service.port", 8080)),
            0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    // The runtime starts the server once the service is registered (the handler needs the resolved
    // instance ID) and stops it after deregistration and the drain; it frees the port when start()
    // fails.
    ServiceRuntime runtime =
        ServiceRuntime.builder()
            .config(config)
            .serviceName(serviceName(config))
            .httpServer(
                server,
                started ->
                    server
                        .createContext(
                            "/reserve", new ReserveHandler(stock, started.info().instanceId()))
                        .getFilters()
                        .add(CorrelationFilter.create()))
            .start();
    String instance = runtime.info().instanceId();
    log.info(
        "inventory listening on {}:{}, instance {}",
        server.getAddress().getHostString(),
        server.getAddress().getPort(),
        instance);
    return runtime;
  }

  /**
   * The configured service name ({@code servicekit.service.name}, {@code SERVICE_NAME}, {@code
   * OTEL_SERVICE_NAME}, ...) or {@value #SERVICE_NAME}; given to the builder, so log lines carry it
   * from {@code start()} on.
   */
  static String serviceName(ServiceConfig config) {
    return IdentityChain.find(config, problem -> {})
        .name()
        .map(Setting::value)
        .orElse(SERVICE_NAME);
  }
}
