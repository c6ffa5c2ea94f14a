package dev.servicekit.examples.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.examples.infra.DemoBroker;
import dev.servicekit.testing.LocalConsul;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

class ShippingAppTest {

  @Test
  void registersShipsWhatArrivesAndDeregistersOnClose() throws Exception {
    try (LocalConsul consul = LocalConsul.start();
        DemoBroker broker = DemoBroker.start(0)) {
      Map<String, String> values = new HashMap<>();
      values.put("servicekit.service.name", "shipping");
      values.put("servicekit.service.instance-id", "shipping-test");
      values.put("servicekit.service.port", "0");
      values.put("servicekit.service.address", "127.0.0.1");
      values.put("servicekit.examples.http.address", "127.0.0.1");
      values.put("servicekit.management.port", "0");
      values.put("servicekit.management.address", "127.0.0.1");
      values.put("servicekit.shutdown.drain", "100ms");
      values.put("servicekit.shutdown.hook", "false");
      values.put("servicekit.registry.address", consul.httpAddress());
      values.put("servicekit.examples.broker.url", broker.url());
      ServiceRuntime runtime =
          ShippingApp.start(ServiceConfig.of(values, new Properties(), Map.of()));
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> runtime.isReady() && consul.services().containsKey("shipping-test"));
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
            JMSContext context = factory.createContext()) {
          MapMessage message = context.createMapMessage();
          message.setString("orderId", "order-5");
          message.setString("sku", "gadget");
          message.setInt("quantity", 1);
          message.setStringProperty("correlation_id", "flow-5");
          context.createProducer().send(context.createQueue("orders.placed"), message);
        }
        URI shipments =
            URI.create(
                "http://127.0.0.1:" + consul.services().get("shipping-test").port() + "/shipments");
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(
                            HttpClient.newHttpClient()
                                .send(
                                    HttpRequest.newBuilder(shipments).build(),
                                    HttpResponse.BodyHandlers.ofString())
                                .body())
                        .contains("\"orderId\":\"order-5\"")
                        .contains("\"correlationId\":\"flow-5\""));
      } finally {
        runtime.close();
      }
      assertThat(consul.services()).doesNotContainKey("shipping-test");
    }
  }
}
