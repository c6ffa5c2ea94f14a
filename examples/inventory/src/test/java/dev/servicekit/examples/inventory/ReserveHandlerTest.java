package dev.servicekit.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReserveHandlerTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/reserve", new ReserveHandler(new Stock(Map.of("widget", "5")), "inventory-7"));
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> post(String form) throws Exception {
    return client.send(
        HttpRequest.newBuilder(base.resolve("/reserve"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void reservesAndNamesTheInstanceThatServed() throws Exception {
    HttpResponse<String> response = post("sku=widget&quantity=2");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Instance-ID")).contains("inventory-7");
    assertThat(response.body())
        .isEqualTo(
            "{\"sku\":\"widget\",\"quantity\":2,\"instance\":\"inventory-7\","
                + "\"reserved\":true,\"remaining\":3}");
  }

  @Test
  void answersConflictWhenStockIsShort() throws Exception {
    HttpResponse<String> response = post("sku=widget&quantity=6");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("\"reserved\":false").contains("\"available\":5");
  }

  @Test
  void tellsAvailabilityOnGet() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/reserve?sku=widget")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"sku\":\"widget\",\"available\":5,\"instance\":\"inventory-7\"}");
  }

  @Test
  void rejectsBadFormsAndMethods() throws Exception {
    assertThat(post("sku=widget").statusCode()).isEqualTo(400);
    assertThat(post("sku=<script>&quantity=1").statusCode()).isEqualTo(400);
    assertThat(post("sku=widget&quantity=100000").statusCode()).isEqualTo(400);
    HttpResponse<String> delete =
        client.send(
            HttpRequest.newBuilder(base.resolve("/reserve")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow")).contains("GET, POST");
  }
}
