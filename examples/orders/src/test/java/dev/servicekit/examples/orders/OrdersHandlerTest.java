package dev.servicekit.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.correlation.http.CorrelationFilter;
import dev.servicekit.registry.ServiceDiscovery;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler's own answers; the placing path with real peers is in {@link OrdersAppTest}. */
class OrdersHandlerTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;
  private URI orders;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OrdersHandler handler =
        new OrdersHandler(
            new InventoryClient(ServiceDiscovery.none(), client),
            new OrderPublisher("tcp://127.0.0.1:1", "unused"));
    server.createContext("/orders", handler).getFilters().add(CorrelationFilter.create());
    server.start();
    orders = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> post(String form) throws Exception {
    return client.send(
        HttpRequest.newBuilder(orders)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Correlation-ID", "caller-id-1")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersUnavailableWithTheCallersCorrelationIdWhenNoInventoryIsRegistered() throws Exception {
    HttpResponse<String> response = post("sku=widget&quantity=2");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("X-Correlation-ID")).contains("caller-id-1");
    assertThat(response.body())
        .contains("\"status\":\"UNAVAILABLE\"")
        .contains("\"correlationId\":\"caller-id-1\"")
        .contains("no healthy inventory instance");
  }

  @Test
  void rejectsBadOrders() throws Exception {
    assertThat(post("sku=widget").statusCode()).isEqualTo(400);
    assertThat(post("sku=widget&quantity=0").statusCode()).isEqualTo(400);
    assertThat(post("sku=%22quoted%22&quantity=1").statusCode()).isEqualTo(400);
  }

  @Test
  void acceptsOnlyPost() throws Exception {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(orders).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
  }
}
