package dev.servicekit.examples.orders;

import dev.servicekit.core.HealthStatus;
import dev.servicekit.core.spi.ServiceComponent;
import dev.servicekit.correlation.jms.JmsCorrelation;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link OrderPlaced} to a JMS queue, with the current correlation as message properties.
 * Connects lazily and reconnects after a failure, so the service starts (not ready) while the
 * broker is down. Thread-safe: sends are serialised over one JMS context.
 */
final class OrderPublisher implements ServiceComponent {

  private static final Logger log = LoggerFactory.getLogger(OrderPublisher.class);

  private final String url;
  private final String queue;
  private ActiveMQConnectionFactory factory;
  private JMSContext context;
  private boolean closed;

  OrderPublisher(String url, String queue) {
    this.url = url;
    this.queue = queue;
  }

  @Override
  public String name() {
    return "broker";
  }

  @Override
  public void start() {
    factory = new ActiveMQConnectionFactory(url);
  }

  /**
   * Sends one event.
   *
   * @throws BrokerUnavailableException when the broker cannot take it
   */
  synchronized void publish(OrderPlaced event) {
    try {
      JMSContext ctx = context();
      MapMessage message = ctx.createMapMessage();
      message.setString("orderId", event.orderId());
      message.setString("sku", event.sku());
      message.setInt("quantity", event.quantity());
      JmsCorrelation.inject(message);
      ctx.createProducer().send(ctx.createQueue(queue), message);
    } catch (JMSException | JMSRuntimeException e) {
      reset();
      throw new BrokerUnavailableException("cannot publish to " + url + ": " + e.getMessage(), e);
    }
  }

  /** Readiness: up when a connection to the broker is open or can be opened now. */
  synchronized HealthStatus health() {
    try {
      context();
      return HealthStatus.up().withDetail("url", url);
    } catch (JMSRuntimeException e) {
      reset();
      return HealthStatus.down("broker " + url + " unreachable").withDetail("url", url);
    }
  }

  private JMSContext context() {
    if (closed) {
      throw new JMSRuntimeException("publisher stopped");
    }
    if (context == null) {
      context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      log.info("connected to broker {}", url);
    }
    return context;
  }

  private void reset() {
    if (context != null) {
      try {
        context.close();
      } catch (JMSRuntimeException e) {
        // already broken
      }
      context = null;
    }
  }

  @Override
  public synchronized void stop() {
    closed = true;
    reset();
    if (factory != null) {
      factory.close();
    }
  }

  /** The broker did not take a message. */
  static final class BrokerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokerUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
