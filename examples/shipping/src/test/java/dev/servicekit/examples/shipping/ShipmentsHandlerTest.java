package dev.servicekit.examples.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ShipmentsHandlerTest {

  @Test
  void listsShipmentsAsJsonAndAcceptsOnlyGet() throws Exception {
    OrderPlacedListener listener = new OrderPlacedListener();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/shipments", new ShipmentsHandler(listener));
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/shipments");
      HttpClient client = HttpClient.newHttpClient();

      HttpResponse<String> empty =
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> post =
          client.send(
              HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(empty.statusCode()).isEqualTo(200);
      assertThat(empty.body()).isEqualTo("[]");
      assertThat(post.statusCode()).isEqualTo(405);
    } finally {
      server.stop(0);
    }
  }
}
