package dev.servicekit.correlation.jms;

import static dev.servicekit.correlation.brokers.Observed.VALID_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.brokers.BadSetting;
import dev.servicekit.correlation.brokers.Observed;
import dev.servicekit.correlation.brokers.Propagators;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Scope;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JmsCorrelatorTest {

  @RegisterExtension static final ArtemisBroker ARTEMIS = new ArtemisBroker();

  private ActiveMQConnectionFactory factory;
  private Connection connection;
  private Session session;
  private Queue queue;

  @BeforeEach
  void connect() throws Exception {
    factory = ARTEMIS.connectionFactory();
    connection = factory.createConnection();
    connection.start();
    session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    queue = session.createQueue("correlator-" + UUID.randomUUID());
  }

  @AfterEach
  void disconnect() throws Exception {
    connection.close();
    factory.close();
  }

  @Test
  void aCorrelatorWritesAndReadsWhatItsPropagatorSays() throws Exception {
    JmsCorrelator jms = JmsCorrelation.using(Propagators.ID_ONLY);
    try (Scope request = Observed.beginTraced("order-77")) {
      Message message = session.createTextMessage("body");
      jms.inject(message);
      send(message);
    }

    Message received = receive();
    Observed inside;
    try (Scope scope = jms.open(received)) {
      inside = Observed.now();
    }

    assertThat(received.getStringProperty("correlation_id")).isEqualTo("order-77");
    assertThat(received.propertyExists("traceparent")).isFalse();
    assertThat(inside.id()).isEqualTo("order-77");
    assertThat(inside.mdcId()).isEqualTo("order-77");
    assertThat(inside.traceId()).isEqualTo(TraceId.getInvalid());
  }

  @Test
  void aWrappedListenerUsesTheCorrelatorsPropagator() throws Exception {
    try (Scope request = Observed.beginTraced("order-78")) {
      Message message = session.createTextMessage("body");
      JmsCorrelation.inject(message);
      send(message);
    }
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();

    try (MessageConsumer consumer = session.createConsumer(queue)) {
      consumer.setMessageListener(
          JmsCorrelation.using(Propagators.IGNORING_INBOUND)
              .wrap(message -> observed.add(Observed.now())));
      Observed inside = observed.poll(30, TimeUnit.SECONDS);
      assertThat(inside).isNotNull();
      assertThat(inside.id()).matches(VALID_ID).isNotEqualTo("order-78");
      assertThat(inside.mdcId()).isEqualTo(inside.id());
    }
  }

  @Test
  void theSimplifiedApiProducerUsesTheCorrelatorsPropagator() throws Exception {
    try (JMSContext context = factory.createContext()) {
      try (Scope request = Observed.beginTraced("simple-7")) {
        var producer = context.createProducer();
        JmsCorrelation.using(Propagators.ID_ONLY).inject(producer);
        producer.send(queue, "body");
      }
      try (JMSConsumer consumer = context.createConsumer(queue)) {
        Message received = consumer.receive(30_000);
        assertThat(received).isNotNull();
        assertThat(received.getStringProperty("correlation_id")).isEqualTo("simple-7");
        assertThat(received.propertyExists("traceparent")).isFalse();
      }
    }
  }

  @Test
  void aCorrelatorWithItsOwnPropagatorIgnoresABadConfiguration() throws Exception {
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();
    try (BadSetting bad = BadSetting.publish();
        MessageConsumer consumer = session.createConsumer(queue)) {
      JmsCorrelator jms = JmsCorrelation.using(Propagators.ID_ONLY);
      consumer.setMessageListener(jms.wrap(message -> observed.add(Observed.now())));
      try (Scope request = Observed.beginTraced("order-79")) {
        Message message = session.createTextMessage("body");
        jms.inject(message);
        send(message);
      }

      Observed inside = observed.poll(30, TimeUnit.SECONDS);
      assertThat(inside).isNotNull();
      assertThat(inside.id()).isEqualTo("order-79");
    }
  }

  @Test
  void aCorrelatorFromABadConfigurationFailsWhereItIsWired() {
    try (BadSetting bad = BadSetting.publish()) {
      assertThatThrownBy(() -> JmsCorrelation.using(CorrelationPropagator.messaging()))
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
    }
    assertThatThrownBy(() -> JmsCorrelation.using(null)).isInstanceOf(NullPointerException.class);
  }

  private void send(Message message) throws Exception {
    try (MessageProducer producer = session.createProducer(queue)) {
      producer.send(message);
    }
  }

  private Message receive() throws Exception {
    try (MessageConsumer consumer = session.createConsumer(queue)) {
      Message message = consumer.receive(30_000);
      assertThat(message).as("message from " + queue.getQueueName()).isNotNull();
      return message;
    }
  }
}
