package dev.servicekit.correlation.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.opentelemetry.context.Scope;
import java.io.IOException;

/** Runs a consumer's deliveries inside their scopes; other callbacks pass through. */
final class CorrelatingConsumer implements Consumer {

  private final Consumer delegate;
  private final AmqpCorrelator correlator;

  CorrelatingConsumer(Consumer delegate, AmqpCorrelator correlator) {
    this.delegate = delegate;
    this.correlator = correlator;
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
      throws IOException {
    Scope scope = correlator.open(properties);
    try {
      delegate.handleDelivery(consumerTag, envelope, properties, body);
    } finally {
      scope.close();
    }
  }

  @Override
  public void handleConsumeOk(String consumerTag) {
    delegate.handleConsumeOk(consumerTag);
  }

  @Override
  public void handleCancelOk(String consumerTag) {
    delegate.handleCancelOk(consumerTag);
  }

  @Override
  public void handleCancel(String consumerTag) throws IOException {
    delegate.handleCancel(consumerTag);
  }

  @Override
  public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
    delegate.handleShutdownSignal(consumerTag, signal);
  }

  @Override
  public void handleRecoverOk(String consumerTag) {
    delegate.handleRecoverOk(consumerTag);
  }
}
