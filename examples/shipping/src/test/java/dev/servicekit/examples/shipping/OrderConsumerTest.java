package dev.servicekit.examples.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.servicekit.examples.infra.DemoBroker;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

class OrderConsumerTest {

  private static void send(String url, String queue, String orderId, String correlationId)
      throws Exception {
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        JMSContext context = factory.createContext()) {
      MapMessage message = context.createMapMessage();
      message.setString("orderId", orderId);
      message.setString("sku", "widget");
      message.setInt("quantity", 1);
      message.setStringProperty("correlation_id", correlationId);
      context.createProducer().send(context.createQueue(queue), message);
    }
  }

  @Test
  void consumesEachMessageInsideItsCorrelation() throws Exception {
    OrderPlacedListener listener = new OrderPlacedListener();
    try (DemoBroker broker = DemoBroker.start(0)) {
      OrderConsumer consumer = new OrderConsumer(broker.url(), "test.placed", listener);
      consumer.start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.health().isUp());
        send(broker.url(), "test.placed", "order-1", "flow-from-orders");

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.shipments().size() == 1);
        assertThat(listener.shipments().get(0).correlationId()).isEqualTo("flow-from-orders");
      } finally {
        consumer.stop();
      }
    }
  }

  @Test
  void startsWithoutABrokerAndConnectsWhenItAppears() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    OrderPlacedListener listener = new OrderPlacedListener();
    OrderConsumer consumer = new OrderConsumer("tcp://127.0.0.1:" + port, "late.placed", listener);
    consumer.start();
    try {
      assertThat(consumer.health().isUp()).isFalse();
      try (DemoBroker broker = DemoBroker.start(port)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.health().isUp());
        send(broker.url(), "late.placed", "order-2", "flow-late");
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.shipments().size() == 1);
      }
    } finally {
      consumer.stop();
    }
  }
}
