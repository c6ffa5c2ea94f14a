package dev.servicekit.correlation.jms;

import static dev.servicekit.correlation.brokers.Observed.TRACEPARENT;
import static dev.servicekit.correlation.brokers.Observed.TRACE_ID;
import static dev.servicekit.correlation.brokers.Observed.VALID_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ConfigException;
import dev.servicekit.correlation.brokers.BadSetting;
import dev.servicekit.correlation.brokers.Observed;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Scope;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

class JmsCorrelationTest {

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
    queue = session.createQueue("correlation-" + UUID.randomUUID());
  }

  @AfterEach
  void disconnect() throws Exception {
    connection.close();
    factory.close();
  }

  @Test
  void idAndTraceparentSurviveSendAndReceive() throws Exception {
    try (Scope request = Observed.beginTraced("order-42")) {
      Message message = session.createTextMessage("body");
      JmsCorrelation.inject(message);
      send(message);
    }

    Message received = receive();
    Observed inside;
    try (Scope scope = JmsCorrelation.open(received)) {
      inside = Observed.now();
    }

    assertThat(received.getStringProperty("correlation_id")).isEqualTo("order-42");
    assertThat(received.getStringProperty("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(inside).isEqualTo(new Observed("order-42", "order-42", TRACE_ID, TRACE_ID));
    assertThat(MDC.get("correlation_id")).isNull();
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void aWrappedListenerRunsEachMessageInItsOwnScope() throws Exception {
    for (String id : List.of("listen-a", "listen-b")) {
      try (Scope request = Observed.beginTraced(id)) {
        Message message = session.createTextMessage(id);
        JmsCorrelation.inject(message);
        send(message);
      }
    }
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();
    BlockingQueue<String> afterwards = new LinkedBlockingQueue<>();

    try (MessageConsumer consumer = session.createConsumer(queue)) {
      consumer.setMessageListener(
          message -> {
            JmsCorrelation.wrap(m -> observed.add(Observed.now())).onMessage(message);
            afterwards.add(String.valueOf(MDC.get("correlation_id")));
          });
      assertThat(observed.poll(30, TimeUnit.SECONDS))
          .isEqualTo(new Observed("listen-a", "listen-a", TRACE_ID, TRACE_ID));
      assertThat(observed.poll(30, TimeUnit.SECONDS))
          .isEqualTo(new Observed("listen-b", "listen-b", TRACE_ID, TRACE_ID));
      assertThat(afterwards.poll(30, TimeUnit.SECONDS)).isEqualTo("null");
      assertThat(afterwards.poll(30, TimeUnit.SECONDS)).isEqualTo("null");
    }
  }

  @Test
  void hostilePropertyValuesAreReplacedByAFreshId() throws Exception {
    List<String> hostile =
        List.of(
            "abc\r\nX-Injected: yes",
            "abc\u0000def",
            "abc\u0085def",
            "a".repeat(10 * 1024),
            "a".repeat(129),
            "");
    for (String value : hostile) {
      Message message = session.createTextMessage("body");
      message.setStringProperty("correlation_id", value);
      message.setStringProperty("traceparent", "00-not-a-trace-01");
      send(message);
    }
    Message notAString = session.createTextMessage("body");
    notAString.setLongProperty("correlation_id", 42L);
    send(notAString);

    List<Observed> observed = new ArrayList<>();
    for (int i = 0; i < hostile.size() + 1; i++) {
      try (Scope scope = JmsCorrelation.open(receive())) {
        observed.add(Observed.now());
      }
    }

    assertThat(observed)
        .allSatisfy(
            inside -> {
              assertThat(inside.id()).matches(VALID_ID).hasSizeLessThanOrEqualTo(36);
              assertThat(inside.id()).isNotEqualTo("42");
              assertThat(inside.mdcId()).isEqualTo(inside.id());
              assertThat(inside.traceId()).isEqualTo(TraceId.getInvalid());
            });
    assertThat(observed).extracting(Observed::id).doesNotHaveDuplicates();
    assertThat(MDC.get("correlation_id")).isNull();
  }

  @Test
  void injectIntoAReceivedMessageNeitherThrowsNorChangesIt() throws Exception {
    Message message = session.createTextMessage("body");
    message.setStringProperty("correlation_id", "original-1");
    send(message);
    Message received = receive();

    try (Scope request = Observed.beginTraced("other-1")) {
      assertThatCode(() -> JmsCorrelation.inject(received)).doesNotThrowAnyException();
      assertThatCode(() -> JmsCorrelation.inject((Message) null)).doesNotThrowAnyException();
    }

    assertThat(received.getStringProperty("correlation_id")).isEqualTo("original-1");
  }

  @Test
  void theSimplifiedApiProducerCarriesTheCorrelation() {
    try (JMSContext context = factory.createContext()) {
      try (Scope request = Observed.beginTraced("simple-1")) {
        var producer = context.createProducer();
        JmsCorrelation.inject(producer);
        producer.send(queue, "body");
      }
      try (JMSConsumer consumer = context.createConsumer(queue)) {
        Message received = consumer.receive(30_000);
        try (Scope scope = JmsCorrelation.open(received)) {
          assertThat(Observed.now())
              .isEqualTo(new Observed("simple-1", "simple-1", TRACE_ID, TRACE_ID));
        }
      }
    }
  }

  @Test
  void aBadSettingFailsWrappingInConfigsFormat() {
    try (BadSetting bad = BadSetting.publish()) {
      assertThatThrownBy(() -> JmsCorrelation.wrap(message -> {}))
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
    }
  }

  @Test
  void aBadSettingNeverFailsAMessage() throws Exception {
    BlockingQueue<Observed> wrapped = new LinkedBlockingQueue<>();
    MessageListener listener = JmsCorrelation.wrap(message -> wrapped.add(Observed.now()));

    try (BadSetting bad = BadSetting.publish()) {
      for (String id : List.of("order-13", "order-14")) {
        try (Scope request = Observed.beginTraced(id)) {
          Message message = session.createTextMessage("body");
          JmsCorrelation.inject(message);
          send(message);
        }
      }
      Observed byHand;
      try (Scope scope = JmsCorrelation.open(receive())) {
        byHand = Observed.now();
      }
      try (MessageConsumer consumer = session.createConsumer(queue)) {
        consumer.setMessageListener(listener);
        assertThat(wrapped.poll(30, TimeUnit.SECONDS))
            .isEqualTo(new Observed("order-14", "order-14", TRACE_ID, TRACE_ID));
      }
      assertThat(byHand).isEqualTo(new Observed("order-13", "order-13", TRACE_ID, TRACE_ID));
    }
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
