package dev.servicekit.examples.orders;

import dev.servicekit.registry.ServiceDiscovery;
import dev.servicekit.registry.ServiceInstance;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves stock with the inventory service. Each call asks discovery for a healthy instance (no
 * URL is configured anywhere) and, when that instance cannot be reached, tries one other healthy
 * instance (never the same one twice).
 */
final class InventoryClient {

  /** The service name inventory registers under. */
  static final String SERVICE = "inventory";

  /** The response header in which inventory names the instance that answered. */
  static final String INSTANCE_HEADER = "X-Instance-ID";

  private static final Logger log = LoggerFactory.getLogger(InventoryClient.class);

  private final ServiceDiscovery discovery;
  private final HttpClient http;

  InventoryClient(ServiceDiscovery discovery, HttpClient http) {
    this.discovery = discovery;
    this.http = http;
  }

  /** The outcome of a reservation: whether stock was reserved, and by which instance. */
  record Reservation(boolean reserved, String instance) {}

  /**
   * Reserves {@code quantity} of {@code sku}.
   *
   * @throws InventoryUnavailableException when no instance is registered or none answers
   */
  Reservation reserve(String sku, int quantity) throws InterruptedException {
    Optional<ServiceInstance> target = discovery.choose(SERVICE);
    if (target.isEmpty()) {
      throw new InventoryUnavailableException("no healthy inventory instance is registered");
    }
    IOException last = null;
    for (int attempt = 1; attempt <= 2 && target.isPresent(); attempt++) {
      ServiceInstance instance = target.get();
      URI uri = instance.uri().resolve("/reserve");
      try {
        HttpResponse<String> response = http.send(request(uri, sku, quantity), ofString());
        String answered = response.headers().firstValue(INSTANCE_HEADER).orElse(instance.id());
        return switch (response.statusCode()) {
          case 200 -> new Reservation(true, answered);
          case 409 -> new Reservation(false, answered);
          default ->
              throw new InventoryUnavailableException(
                  "inventory " + answered + " answered HTTP " + response.statusCode());
        };
      } catch (IOException e) {
        last = e;
        log.warn("inventory instance {} at {} unreachable: {}", instance.id(), uri, e.toString());
        target = another(instance);
      }
    }
    throw new InventoryUnavailableException("no inventory instance answered: " + last);
  }

  /**
   * A healthy instance other than {@code failed}, for the one retry: round-robin alone could hand
   * the same instance out again when concurrent requests advance it in between.
   */
  private Optional<ServiceInstance> another(ServiceInstance failed) {
    List<ServiceInstance> others =
        discovery.instances(SERVICE).stream().filter(i -> !i.id().equals(failed.id())).toList();
    return others.isEmpty()
        ? Optional.empty()
        : Optional.of(others.get(ThreadLocalRandom.current().nextInt(others.size())));
  }

  private static HttpRequest request(URI uri, String sku, int quantity) {
    String form = "sku=" + URLEncoder.encode(sku, StandardCharsets.UTF_8) + "&quantity=" + quantity;
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /** Inventory cannot be asked right now; the order cannot be taken. */
  static final class InventoryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InventoryUnavailableException(String message) {
      super(message);
    }
  }
}
