package dev.servicekit.examples.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.examples.infra.DemoBroker;
import io.opentelemetry.context.Scope;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

class OrderPlacedListenerTest {

  @Test
  void schedulesAShipmentUnderTheCurrentCorrelationId() throws Exception {
    OrderPlacedListener listener = new OrderPlacedListener();
    try (DemoBroker broker = DemoBroker.start(0);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        JMSContext context = factory.createContext()) {
      MapMessage message = context.createMapMessage();
      message.setString("orderId", "order-9");
      message.setString("sku", "widget");
      message.setInt("quantity", 4);

      try (Scope scope = Correlation.begin("flow-9")) {
        listener.onMessage(message);
      }
      listener.onMessage(context.createTextMessage("not an OrderPlaced"));
    }

    assertThat(listener.shipments()).hasSize(1);
    Shipment shipment = listener.shipments().get(0);
    assertThat(shipment.orderId()).isEqualTo("order-9");
    assertThat(shipment.sku()).isEqualTo("widget");
    assertThat(shipment.quantity()).isEqualTo(4);
    assertThat(shipment.correlationId()).isEqualTo("flow-9");
    assertThat(shipment.shipmentId()).startsWith("ship-");
  }

  @Test
  void aRedeliveredOrderPlacedSchedulesNoSecondShipment() throws Exception {
    OrderPlacedListener listener = new OrderPlacedListener();
    try (DemoBroker broker = DemoBroker.start(0);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        JMSContext context = factory.createContext()) {
      for (String orderId : new String[] {"order-1", "order-2", "order-1"}) {
        MapMessage message = context.createMapMessage();
        message.setString("orderId", orderId);
        message.setString("sku", "widget");
        message.setInt("quantity", 1);
        listener.onMessage(message);
      }
    }

    assertThat(listener.shipments())
        .extracting(Shipment::orderId)
        .containsExactly("order-1", "order-2");
  }
}
