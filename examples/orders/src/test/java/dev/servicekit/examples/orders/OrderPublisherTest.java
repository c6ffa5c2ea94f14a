package dev.servicekit.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.examples.infra.DemoBroker;
import io.opentelemetry.context.Scope;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderPublisherTest {

  private DemoBroker broker;

  @BeforeAll
  void start() throws Exception {
    broker = DemoBroker.start(0);
  }

  @AfterAll
  void stop() {
    broker.close();
  }

  @Test
  void publishesOrderPlacedWithTheCurrentCorrelationId() throws Exception {
    OrderPublisher publisher = new OrderPublisher(broker.url(), "test.placed");
    publisher.start();
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        JMSContext context = factory.createContext();
        JMSConsumer consumer = context.createConsumer(context.createQueue("test.placed"))) {
      try (Scope scope = Correlation.begin("flow-77")) {
        publisher.publish(new OrderPlaced("order-1", "widget", 2));
      }

      Message message = consumer.receive(10_000);
      assertThat(message).isInstanceOf(MapMessage.class);
      MapMessage map = (MapMessage) message;
      assertThat(map.getString("orderId")).isEqualTo("order-1");
      assertThat(map.getString("sku")).isEqualTo("widget");
      assertThat(map.getInt("quantity")).isEqualTo(2);
      assertThat(map.getStringProperty("correlation_id")).isEqualTo("flow-77");
    } finally {
      publisher.stop();
    }
  }

  @Test
  void isReadyOnlyWhileTheBrokerIsReachable() throws Exception {
    OrderPublisher up = new OrderPublisher(broker.url(), "test.health");
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    OrderPublisher down = new OrderPublisher("tcp://127.0.0.1:" + closedPort, "test.health");
    up.start();
    down.start();
    try {
      assertThat(up.health().isUp()).isTrue();
      assertThat(down.health().isUp()).isFalse();
      assertThat(down.health().details()).containsEntry("url", "tcp://127.0.0.1:" + closedPort);
      assertThatThrownBy(() -> down.publish(new OrderPlaced("order-2", "widget", 1)))
          .isInstanceOf(OrderPublisher.BrokerUnavailableException.class);
    } finally {
      up.stop();
      down.stop();
    }
  }
}
