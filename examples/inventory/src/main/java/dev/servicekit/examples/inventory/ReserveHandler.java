package dev.servicekit.examples.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /reserve}: {@code GET ?sku=widget} tells how many are available; {@code POST} with form
 * fields {@code sku} and {@code quantity} reserves them (200) or refuses (409 Conflict, nothing
 * taken). Every answer carries the {@code X-Instance-ID} header naming the instance that served.
 */
final class ReserveHandler implements HttpHandler {

  /** The header naming the instance that answered. */
  static final String INSTANCE_HEADER = "X-Instance-ID";

  /**
   * The structured log field naming the instance (OpenTelemetry's resource attribute name), so that
   * a log query can tell which instance handled a request.
   */
  static final String INSTANCE_FIELD = "service.instance.id";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(ReserveHandler.class);
  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private final Stock stock;
  private final String instance;

  ReserveHandler(Stock stock, String instance) {
    this.stock = stock;
    this.instance = instance;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set(INSTANCE_HEADER, instance);
      switch (exchange.getRequestMethod()) {
        case "GET" -> available(exchange);
        case "POST" -> reserve(exchange);
        default -> {
          exchange.getResponseHeaders().set("Allow", "GET, POST");
          respond(exchange, 405, Map.of("error", "use GET or POST"));
        }
      }
    }
  }

  private void available(HttpExchange exchange) throws IOException {
    String sku = Forms.parse(exchange.getRequestURI().getRawQuery()).getOrDefault("sku", "");
    if (!SKU.matcher(sku).matches()) {
      respond(exchange, 400, Map.of("error", "need ?sku=[A-Za-z0-9_-]{1,40}"));
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sku", sku);
    answer.put("available", stock.available(sku));
    answer.put("instance", instance);
    respond(exchange, 200, answer);
  }

  private void reserve(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readNBytes(4096), StandardCharsets.UTF_8);
    Map<String, String> form = Forms.parse(body);
    String sku = form.getOrDefault("sku", "");
    int quantity;
    try {
      quantity = Integer.parseInt(form.getOrDefault("quantity", ""));
    } catch (NumberFormatException e) {
      quantity = -1;
    }
    if (!SKU.matcher(sku).matches() || quantity < 1 || quantity > 1000) {
      respond(exchange, 400, Map.of("error", "need sku=[A-Za-z0-9_-]{1,40} and quantity=1..1000"));
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sku", sku);
    answer.put("quantity", quantity);
    answer.put("instance", instance);
    OptionalInt left = stock.reserve(sku, quantity);
    if (left.isEmpty()) {
      int available = stock.available(sku);
      log.atWarn()
          .addKeyValue(INSTANCE_FIELD, instance)
          .log("cannot reserve {} x {} on {}: {} available", quantity, sku, instance, available);
      answer.put("reserved", false);
      answer.put("available", available);
      respond(exchange, 409, answer);
      return;
    }
    log.atInfo()
        .addKeyValue(INSTANCE_FIELD, instance)
        .log("reserved {} x {} on {}, {} left", quantity, sku, instance, left.getAsInt());
    answer.put("reserved", true);
    answer.put("remaining", left.getAsInt());
    respond(exchange, 200, answer);
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
