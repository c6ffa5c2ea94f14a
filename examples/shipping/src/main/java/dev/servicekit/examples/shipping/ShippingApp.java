package dev.servicekit.examples.shipping;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.config.IdentityChain;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Setting;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.correlation.http.CorrelationFilter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the shipping service: the OrderPlaced consumer, a small HTTP API ({@code GET /shipments})
 * and its servicekit runtime (registration in Consul, management endpoint, graceful stop).
 *
 * <p>Configuration, all through {@code servicekit.*} system properties or {@code SERVICEKIT_*}
 * environment variables (plus Consul's own {@code CONSUL_*} variables):
 *
 * <ul>
 *   <li>{@code servicekit.service.name} - the name to register under (default {@value
 *       #SERVICE_NAME})
 *   <li>{@code servicekit.service.port} - the API port (default 8080, 0 for any free port)
 *   <li>{@code servicekit.examples.http.address} - the API bind address (default 0.0.0.0)
 *   <li>{@code servicekit.examples.broker.url} - the JMS broker (default tcp://127.0.0.1:61616)
 *   <li>{@code servicekit.examples.orders.queue} - the queue of OrderPlaced (default orders.placed)
 * </ul>
 */
public final class ShippingApp {

  /** The API bind address key. */
  public static final String HTTP_ADDRESS = "servicekit.examples.http.address";

  /** The broker URL key. */
  public static final String BROKER_URL = "servicekit.examples.broker.url";

  /** The queue key. */
  public static final String QUEUE = "servicekit.examples.orders.queue";

  /** The name the service registers under unless configured otherwise. */
  public static final String SERVICE_NAME = "shipping";

  private ShippingApp() {}

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
   */
  public static ServiceRuntime start(ServiceConfig config) throws IOException {
    Logger log = LoggerFactory.getLogger(ShippingApp.class);
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(
                config.getString(HTTP_ADDRESS, "0.0.0.0"),
                config.getPort("servicekit.service.port", 8080)),
            0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    OrderPlacedListener listener = new OrderPlacedListener();
    OrderConsumer consumer =
        new OrderConsumer(
            config.getString(BROKER_URL, "tcp://127.0.0.1:61616"),
            config.getString(QUEUE, "orders.placed"),
            listener);
    server
        .createContext("/shipments", new ShipmentsHandler(listener))
        .getFilters()
        .add(CorrelationFilter.create());
    // The runtime starts the server once the consumer runs and the service is registered, and
    // stops it after deregistration and the drain; it frees the port when start() fails.
    ServiceRuntime runtime =
        ServiceRuntime.builder()
            .config(config)
            .serviceName(serviceName(config))
            .healthCheck("broker", consumer::health)
            .component(consumer)
            .httpServer(server)
            .start();
    log.info(
        "shipping listening on {}:{}, instance {}",
        server.getAddress().getHostString(),
        server.getAddress().getPort(),
        runtime.info().instanceId());
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
