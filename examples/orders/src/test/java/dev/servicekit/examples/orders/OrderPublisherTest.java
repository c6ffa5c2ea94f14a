package dev.servicekit.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.examples.infra.DemoBroker;
import io.opentelemetry.context.Scope;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import java.time.Duration;
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
    await().atMost(Duration.ofSeconds(30)).until(() -> publisher.health().isUp());
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
      await().atMost(Duration.ofSeconds(30)).until(() -> up.health().isUp());
      assertThat(down.health().isUp()).isFalse();
      assertThat(down.health().details()).containsEntry("url", "tcp://127.0.0.1:" + closedPort);
      long started = System.nanoTime();
      assertThatThrownBy(() -> down.publish(new OrderPlaced("order-2", "widget", 1)))
          .isInstanceOf(OrderPublisher.BrokerUnavailableException.class)
          .hasMessageContaining("not connected");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("a publish while disconnected fails at once, it never waits for a connection")
          .isLessThan(Duration.ofMillis(500));
    } finally {
      up.stop();
      down.stop();
    }
  }

  @Test
  void reconnectsByItselfOnceTheBrokerIsBack() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OrderPublisher publisher = new OrderPublisher("tcp://127.0.0.1:" + port, "test.back");
    publisher.start();
    try {
      assertThat(publisher.health().isUp()).isFalse();
      try (DemoBroker late = DemoBroker.start(port)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.health().isUp());
        publisher.publish(new OrderPlaced("order-3", "widget", 1));
      }
    } finally {
      publisher.stop();
    }
  }
}
