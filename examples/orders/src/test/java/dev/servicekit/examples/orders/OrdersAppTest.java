package dev.servicekit.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.examples.infra.DemoBroker;
import dev.servicekit.testing.LocalConsul;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

class OrdersAppTest {

  @Test
  void placesAnOrderEndToEndAndDeregistersOnClose() throws Exception {
    try (LocalConsul consul = LocalConsul.start();
        DemoBroker broker = DemoBroker.start(0);
        TestServices.Inventory inventory = new TestServices.Inventory(consul, "inventory-b");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        JMSContext jms = factory.createContext();
        JMSConsumer placed = jms.createConsumer(jms.createQueue("orders.placed"))) {
      ServiceRuntime orders =
          OrdersApp.start(
              TestServices.config(
                  consul, "orders", Map.of("servicekit.examples.broker.url", broker.url())));
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> orders.isReady() && consul.services().containsKey("orders-test"));
        int port = consul.services().get("orders-test").port();

        // discovery may not have seen inventory yet: the first orders can be UNAVAILABLE
        AtomicReference<HttpResponse<String>> accepted = new AtomicReference<>();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> accepted.updateAndGet(r -> placeOrderQuietly(port)).statusCode() == 201);
        String correlationId =
            accepted.get().headers().firstValue("X-Correlation-ID").orElseThrow();
        assertThat(accepted.get().body())
            .contains("\"status\":\"PLACED\"")
            .contains("\"inventoryInstance\":\"inventory-b\"");
        assertThat(inventory.correlationIds).contains(correlationId);
        Message message = null;
        for (Message m = placed.receive(10_000); m != null; m = placed.receive(2_000)) {
          if (correlationId.equals(m.getStringProperty("correlation_id"))) {
            message = m;
            break;
          }
        }
        assertThat(message).as("OrderPlaced carrying " + correlationId).isNotNull();
      } finally {
        orders.close();
      }
      assertThat(consul.services()).doesNotContainKey("orders-test");
    }
  }

  private static HttpResponse<String> placeOrderQuietly(int port) {
    try {
      return placeOrder(port);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> placeOrder(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("sku=widget&quantity=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
