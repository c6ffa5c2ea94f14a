package dev.servicekit.examples.shipping;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /shipments}: the scheduled shipments as a JSON array, oldest first. */
final class ShipmentsHandler implements HttpHandler {

  private final OrderPlacedListener listener;

  ShipmentsHandler(OrderPlacedListener listener) {
    this.listener = listener;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      StringBuilder json = new StringBuilder("[");
      for (Shipment s : listener.shipments()) {
        if (json.length() > 1) {
          json.append(',');
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shipmentId", s.shipmentId());
        fields.put("orderId", s.orderId());
        fields.put("sku", s.sku());
        fields.put("quantity", s.quantity());
        fields.put("correlationId", s.correlationId());
        json.append(Json.object(fields));
      }
      byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
