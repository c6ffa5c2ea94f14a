package dev.servicekit.examples.shipping;

import dev.servicekit.correlation.Correlation;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each {@code OrderPlaced} message (a {@code MapMessage} with {@code orderId}, {@code sku},
 * {@code quantity}) into a scheduled {@link Shipment}. Registered through {@code
 * JmsCorrelation.wrap}, so it runs inside the order's correlation scope and its log lines carry the
 * order's correlation ID.
 *
 * <p>Delivery is at least once (a message whose acknowledgement the broker lost comes again), so
 * the listener deduplicates by order ID: a second {@code OrderPlaced} for an order already
 * scheduled is logged and ignored.
 */
final class OrderPlacedListener implements MessageListener {

  private static final Logger log = LoggerFactory.getLogger(OrderPlacedListener.class);

  private final List<Shipment> shipments = new CopyOnWriteArrayList<>();
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  @Override
  public void onMessage(Message message) {
    if (!(message instanceof MapMessage map)) {
      log.warn("ignoring a {} on the OrderPlaced queue", message.getClass().getSimpleName());
      return;
    }
    try {
      String orderId = map.getString("orderId");
      String sku = map.getString("sku");
      int quantity = map.getInt("quantity");
      if (orderId == null || !scheduled.add(orderId)) {
        log.info(
            "OrderPlaced {} received again (redelivered {}): already scheduled, ignored",
            orderId,
            map.getJMSRedelivered());
        return;
      }
      Shipment shipment =
          new Shipment(
              "ship-" + UUID.randomUUID().toString().substring(0, 8),
              orderId,
              sku,
              quantity,
              Correlation.currentId());
      shipments.add(shipment);
      log.info(
          "OrderPlaced {} received: shipment {} of {} x {} scheduled",
          orderId,
          shipment.shipmentId(),
          quantity,
          sku);
    } catch (JMSException | RuntimeException e) {
      log.error("cannot read OrderPlaced message", e);
    }
  }

  /** The shipments scheduled so far, oldest first. */
  List<Shipment> shipments() {
    return List.copyOf(shipments);
  }
}
