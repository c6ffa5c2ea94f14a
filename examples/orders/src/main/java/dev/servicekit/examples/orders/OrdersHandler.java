package dev.servicekit.examples.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.servicekit.correlation.Correlation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /orders} with form fields {@code sku} and {@code quantity}: reserves the stock with
 * inventory, publishes {@code OrderPlaced}, and answers
 *
 * <ul>
 *   <li>201 {@code {"status":"PLACED","orderId":…,"correlationId":…,"inventoryInstance":…}}
 *   <li>409 {@code {"status":"REJECTED",…}} when inventory has not enough stock
 *   <li>400 for a bad form, 405 for another method, 503 when inventory or the broker is down
 * </ul>
 *
 * Runs inside the correlation scope the {@code CorrelationFilter} opened, so every log line and
 * every outgoing call of the request carries the same correlation ID.
 */
final class OrdersHandler implements HttpHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(OrdersHandler.class);
  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final int MAX_BODY = 4096;

  private final InventoryClient inventory;
  private final OrderPublisher publisher;

  OrdersHandler(InventoryClient inventory, OrderPublisher publisher) {
    this.inventory = inventory;
    this.publisher = publisher;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, Map.of("error", "use POST"));
        return;
      }
      Map<String, String> form = Forms.parse(body(exchange.getRequestBody()));
      String sku = form.getOrDefault("sku", "");
      int quantity = quantity(form.get("quantity"));
      if (!SKU.matcher(sku).matches() || quantity < 1) {
        respond(
            exchange, 400, Map.of("error", "need sku=[A-Za-z0-9_-]{1,40} and quantity=1..1000"));
        return;
      }
      placeOrder(exchange, sku, quantity);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void placeOrder(HttpExchange exchange, String sku, int quantity)
      throws IOException, InterruptedException {
    String orderId = "order-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("orderId", orderId);
    answer.put("sku", sku);
    answer.put("quantity", quantity);
    answer.put("correlationId", Correlation.currentId());
    log.info("order {} received: {} x {}", orderId, quantity, sku);
    InventoryClient.Reservation reservation;
    try {
      reservation = inventory.reserve(sku, quantity);
    } catch (InventoryClient.InventoryUnavailableException e) {
      log.error("order {} not taken: {}", orderId, e.getMessage());
      answer.put("status", "UNAVAILABLE");
      answer.put("error", e.getMessage());
      respond(exchange, 503, answer);
      return;
    }
    answer.put("inventoryInstance", reservation.instance());
    if (!reservation.reserved()) {
      log.warn(
          "order {} rejected: inventory {} has fewer than {} x {}",
          orderId,
          reservation.instance(),
          quantity,
          sku);
      answer.put("status", "REJECTED");
      respond(exchange, 409, answer);
      return;
    }
    log.info(
        "order {}: inventory {} reserved {} x {}", orderId, reservation.instance(), quantity, sku);
    try {
      publisher.publish(new OrderPlaced(orderId, sku, quantity));
    } catch (OrderPublisher.BrokerUnavailableException e) {
      log.error("order {} not placed: {}", orderId, e.getMessage(), e);
      answer.put("status", "UNAVAILABLE");
      answer.put("error", "broker unavailable");
      respond(exchange, 503, answer);
      return;
    }
    log.info("order {} placed, OrderPlaced published", orderId);
    answer.put("status", "PLACED");
    respond(exchange, 201, answer);
  }

  private static int quantity(String raw) {
    try {
      int q = Integer.parseInt(raw == null ? "" : raw.trim());
      return q >= 1 && q <= 1000 ? q : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String body(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, Map<String, ?> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
