package dev.servicekit.examples.orders;

import dev.servicekit.core.HealthStatus;
import dev.servicekit.core.spi.ServiceComponent;
import dev.servicekit.correlation.jms.JmsCorrelation;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link OrderPlaced} to a JMS queue as a persistent message, with the current
 * correlation as message properties. A send returns once the broker has taken the message (Artemis
 * confirms a durable send after writing its journal), so an order answered 201 survives a broker
 * restart.
 *
 * <p>No request thread ever waits for a connection: a background thread connects at start and again
 * every second after the connection is lost; while it is not connected, {@link #publish} fails at
 * once ({@link BrokerUnavailableException}, which the API answers with 503) and readiness is down.
 * Thread-safe: sends are serialised over one JMS context.
 */
final class OrderPublisher implements ServiceComponent {

  private static final Logger log = LoggerFactory.getLogger(OrderPublisher.class);

  private final String url;
  private final String queue;
  private final ScheduledExecutorService connector =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "broker-publisher-connector");
            t.setDaemon(true);
            return t;
          });
  private ActiveMQConnectionFactory factory;
  private JMSContext context;
  private boolean closed;
  private boolean connecting;
  private String lastError = "not connected yet";

  OrderPublisher(String url, String queue) {
    this.url = url;
    this.queue = queue;
  }

  @Override
  public String name() {
    return "broker";
  }

  @Override
  public synchronized void start() {
    factory = new ActiveMQConnectionFactory(url);
    scheduleConnect(0);
  }

  /**
   * Sends one event, persistent.
   *
   * @throws BrokerUnavailableException when not connected or the broker did not take it
   */
  synchronized void publish(OrderPlaced event) {
    if (context == null) {
      throw new BrokerUnavailableException("not connected to " + url + ": " + lastError, null);
    }
    try {
      MapMessage message = context.createMapMessage();
      message.setString("orderId", event.orderId());
      message.setString("sku", event.sku());
      message.setInt("quantity", event.quantity());
      JmsCorrelation.inject(message);
      context
          .createProducer()
          .setDeliveryMode(DeliveryMode.PERSISTENT)
          .send(context.createQueue(queue), message);
    } catch (JMSException | JMSRuntimeException e) {
      disconnected(e.getMessage());
      throw new BrokerUnavailableException("cannot publish to " + url + ": " + e.getMessage(), e);
    }
  }

  /** Readiness: up while connected to the broker. */
  synchronized HealthStatus health() {
    return context != null
        ? HealthStatus.up().withDetail("url", url)
        : HealthStatus.down("broker " + url + " unreachable: " + lastError).withDetail("url", url);
  }

  private void connect() {
    ActiveMQConnectionFactory f;
    synchronized (this) {
      connecting = false;
      if (closed || context != null) {
        return;
      }
      f = factory;
    }
    try {
      // outside the lock: publish() and health() answer at once while this waits for the broker
      JMSContext ctx = f.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      ctx.setExceptionListener(e -> lost(ctx, e.getMessage()));
      synchronized (this) {
        if (closed) {
          close(ctx);
          return;
        }
        context = ctx;
      }
      log.info("connected to broker {}", url);
    } catch (JMSRuntimeException e) {
      synchronized (this) {
        lastError = e.getMessage();
        scheduleConnect(1);
      }
      log.debug("broker {} not reachable: {}", url, e.getMessage());
    }
  }

  private synchronized void lost(JMSContext ctx, String reason) {
    if (context == ctx) {
      log.warn("lost the broker connection: {}", reason);
      disconnected(reason);
    }
  }

  private void disconnected(String reason) {
    if (context != null) {
      close(context);
      context = null;
    }
    lastError = reason;
    scheduleConnect(1);
  }

  private void scheduleConnect(long seconds) {
    if (!closed && !connecting) {
      connecting = true;
      connector.schedule(this::connect, seconds, TimeUnit.SECONDS);
    }
  }

  private static void close(JMSContext ctx) {
    try {
      ctx.close();
    } catch (JMSRuntimeException e) {
      // already broken
    }
  }

  @Override
  public void stop() throws InterruptedException {
    synchronized (this) {
      closed = true;
      if (context != null) {
        close(context);
        context = null;
      }
    }
    connector.shutdownNow();
    connector.awaitTermination(5, TimeUnit.SECONDS);
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
