package dev.servicekit.correlation.jms;

import io.opentelemetry.context.Scope;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Runs a listener inside the scope of each message it receives. */
final class CorrelatingMessageListener implements MessageListener {

  private final MessageListener delegate;
  private final JmsCorrelator correlator;

  CorrelatingMessageListener(MessageListener delegate, JmsCorrelator correlator) {
    this.delegate = delegate;
    this.correlator = correlator;
  }

  @Override
  public void onMessage(Message message) {
    Scope scope = correlator.open(message);
    try {
      delegate.onMessage(message);
    } finally {
      scope.close();
    }
  }
}
