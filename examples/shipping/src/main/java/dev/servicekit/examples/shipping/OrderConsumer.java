package dev.servicekit.examples.shipping;

import dev.servicekit.core.HealthStatus;
import dev.servicekit.core.spi.ServiceComponent;
import dev.servicekit.correlation.jms.JmsCorrelation;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a JMS consumer on the OrderPlaced queue: connects in the background (retrying every second
 * while the broker is down, and again after the connection is lost), so the service starts and
 * serves its health endpoints without a broker. Readiness is down while not connected.
 */
final class OrderConsumer implements ServiceComponent {

  private static final Logger log = LoggerFactory.getLogger(OrderConsumer.class);

  private final String url;
  private final String queue;
  private final MessageListener listener;
  private final ScheduledExecutorService connector =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "broker-connector");
            t.setDaemon(true);
            return t;
          });
  private ActiveMQConnectionFactory factory;
  private JMSContext context;
  private boolean stopped;
  private String lastError = "not connected yet";

  OrderConsumer(String url, String queue, MessageListener listener) {
    this.url = url;
    this.queue = queue;
    this.listener = JmsCorrelation.wrap(listener);
  }

  @Override
  public String name() {
    return "broker";
  }

  @Override
  public void start() {
    factory = new ActiveMQConnectionFactory(url);
    connector.execute(this::connect);
  }

  private synchronized void connect() {
    if (stopped || context != null) {
      return;
    }
    try {
      JMSContext ctx = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      ctx.setExceptionListener(
          e -> {
            log.warn("lost the broker connection: {}", e.getMessage());
            disconnected(ctx, e.getMessage());
          });
      ctx.createConsumer(ctx.createQueue(queue)).setMessageListener(listener);
      ctx.start();
      context = ctx;
      log.info("consuming {} from broker {}", queue, url);
    } catch (JMSRuntimeException e) {
      lastError = e.getMessage();
      log.debug("broker {} not reachable yet: {}", url, e.getMessage());
      connector.schedule(this::connect, 1, TimeUnit.SECONDS);
    }
  }

  private synchronized void disconnected(JMSContext ctx, String reason) {
    if (context == ctx) {
      context = null;
      lastError = reason;
      close(ctx);
      if (!stopped) {
        connector.schedule(this::connect, 1, TimeUnit.SECONDS);
      }
    }
  }

  /** Readiness: up while the consumer is connected. */
  synchronized HealthStatus health() {
    return context != null
        ? HealthStatus.up().withDetail("url", url)
        : HealthStatus.down(lastError == null ? "not connected" : lastError).withDetail("url", url);
  }

  /** Stops taking new messages before the drain period. */
  @Override
  public synchronized void withdraw() {
    if (context != null) {
      context.stop();
    }
  }

  @Override
  public void stop() throws InterruptedException {
    synchronized (this) {
      stopped = true;
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

  private static void close(JMSContext ctx) {
    try {
      ctx.close();
    } catch (JMSRuntimeException e) {
      // already broken
    }
  }
}
