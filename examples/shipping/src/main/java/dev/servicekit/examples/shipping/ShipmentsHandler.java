package dev.servicekit.examples.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /shipments}: the scheduled shipments as a JSON array, oldest first. */
final class ShipmentsHandler implements HttpHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

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
      List<Map<String, Object>> shipments = new ArrayList<>();
      for (Shipment s : listener.shipments()) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shipmentId", s.shipmentId());
        fields.put("orderId", s.orderId());
        fields.put("sku", s.sku());
        fields.put("quantity", s.quantity());
        fields.put("correlationId", s.correlationId());
        shipments.add(fields);
      }
      byte[] bytes = JSON.writeValueAsBytes(shipments);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
