package dev.servicekit.examples.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.testing.LocalConsul;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoClientTest {

  private LocalConsul consul;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DemoClient client =
      new DemoClient(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  @BeforeEach
  void start() {
    consul = LocalConsul.start();
  }

  @AfterEach
  void stop() {
    consul.close();
  }

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void register(String id, String name, int port) throws Exception {
    String body =
        "{\"ID\":\""
            + id
            + "\",\"Name\":\""
            + name
            + "\",\"Address\":\"127.0.0.1\",\"Port\":"
            + port
            + "}";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(consul.uri() + "/v1/agent/service/register"))
                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void readsConsulAddressesWithOrWithoutScheme() {
    assertThat(DemoClient.agent("127.0.0.1:8500")).isEqualTo(URI.create("http://127.0.0.1:8500"));
    assertThat(DemoClient.agent("https://consul:8501/"))
        .isEqualTo(URI.create("https://consul:8501"));
  }

  @Test
  void listsWhatTheAgentHasRegistered() throws Exception {
    assertThat(client.run(List.of("services", consul.httpAddress()))).isZero();
    assertThat(out()).contains("(no services registered)");

    register("inventory-1", "inventory", 4101);
    assertThat(client.run(List.of("services", consul.httpAddress()))).isZero();
    assertThat(out()).contains("inventory-1").contains("127.0.0.1:4101");
  }

  @Test
  void findsAPassingInstanceAndWaitsForEnoughOfThem() throws Exception {
    register("orders-1", "orders", 4102);

    assertThat(client.run(List.of("address", consul.httpAddress(), "orders"))).isZero();
    assertThat(out()).contains("http://127.0.0.1:4102");
    assertThat(client.run(List.of("wait-passing", consul.httpAddress(), "orders", "1", "10")))
        .isZero();
    assertThat(client.run(List.of("wait-passing", consul.httpAddress(), "orders", "2", "1")))
        .isEqualTo(1);
    assertThat(client.run(List.of("address", consul.httpAddress(), "shipping"))).isEqualTo(1);
  }

  @Test
  void givesUpWaitingWhenAWatchedProcessIsGone() throws Exception {
    Process gone = new ProcessBuilder(List.of("true")).start();
    gone.waitFor();

    int status =
        client.run(
            List.of(
                "wait-passing",
                consul.httpAddress(),
                "inventory",
                "1",
                "60",
                "--watch",
                Long.toString(gone.pid())));

    assertThat(status).isEqualTo(1);
  }

  @Test
  void rejectsAnUnknownCommand() throws Exception {
    assertThat(client.run(List.of("dance"))).isEqualTo(2);
    assertThat(client.run(List.of())).isEqualTo(2);
  }
}
