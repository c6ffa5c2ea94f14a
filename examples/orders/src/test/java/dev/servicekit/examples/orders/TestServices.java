package dev.servicekit.examples.orders;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.testing.LocalConsul;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the orders tests run against: configuration for a runtime registered in a LocalConsul, and a
 * stand-in inventory instance (a real HTTP server on loopback, registered by a real runtime) whose
 * answer status a test sets.
 */
final class TestServices {

  private TestServices() {}

  static ServiceConfig config(LocalConsul consul, String name, Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("servicekit.service.name", name);
    values.put("servicekit.service.instance-id", name + "-test");
    values.put("servicekit.service.port", "0");
    values.put("servicekit.service.address", "127.0.0.1");
    values.put("servicekit.examples.http.address", "127.0.0.1");
    values.put("servicekit.management.port", "0");
    values.put("servicekit.management.address", "127.0.0.1");
    values.put("servicekit.shutdown.drain", "100ms");
    values.put("servicekit.shutdown.hook", "false");
    values.put("servicekit.registry.address", consul.httpAddress());
    values.put("servicekit.registry.check.interval", "1s");
    values.putAll(extra);
    return ServiceConfig.of(values, new Properties(), Map.of());
  }

  /**
   * An inventory stand-in: answers {@code /reserve} with {@link #status}, registered as inventory.
   */
  static final class Inventory implements AutoCloseable {
    final AtomicInteger status = new AtomicInteger(200);
    final List<String> correlationIds = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ServiceRuntime runtime;

    Inventory(LocalConsul consul, String instanceId) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/reserve",
          exchange -> {
            try (exchange) {
              correlationIds.add(
                  String.valueOf(exchange.getRequestHeaders().getFirst("X-Correlation-ID")));
              byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("X-Instance-ID", instanceId);
              exchange.sendResponseHeaders(status.get(), body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            }
          });
      server.start();
      runtime =
          ServiceRuntime.builder()
              .config(
                  config(consul, "inventory", Map.of("servicekit.service.instance-id", instanceId)))
              .port(server.getAddress().getPort())
              .start();
    }

    @Override
    public void close() {
      runtime.close();
      server.stop(0);
    }
  }
}
