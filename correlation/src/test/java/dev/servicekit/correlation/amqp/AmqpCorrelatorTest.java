package dev.servicekit.correlation.amqp;

import static dev.servicekit.correlation.brokers.Observed.VALID_ID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.servicekit.config.ConfigException;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.brokers.BadSetting;
import dev.servicekit.correlation.brokers.Observed;
import dev.servicekit.correlation.brokers.Propagators;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AmqpCorrelatorTest {

  private Connection connection;
  private Channel channel;
  private String queue;

  /** Connects to the test node; skips or fails the test when there is none. */
  private void connect() throws Exception {
    connection = RabbitMqBroker.connectionFactory().newConnection("servicekit-correlator-test");
    channel = connection.createChannel();
    queue = channel.queueDeclare().getQueue();
  }

  @AfterEach
  void disconnect() throws Exception {
    if (connection != null) {
      connection.close();
    }
  }

  @Test
  void aCorrelatorWritesAndReadsWhatItsPropagatorSays() throws Exception {
    connect();
    AmqpCorrelator amqp = AmqpCorrelation.using(Propagators.ID_ONLY);
    try (Scope request = Observed.beginTraced("order-77")) {
      channel.basicPublish("", queue, amqp.inject((AMQP.BasicProperties) null), body());
    }
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();
    BlockingQueue<Map<String, Object>> headers = new LinkedBlockingQueue<>();

    channel.basicConsume(
        queue,
        true,
        amqp.wrap(
            (tag, delivery) -> {
              observed.add(Observed.now());
              headers.add(delivery.getProperties().getHeaders());
            }),
        tag -> {});

    Observed inside = observed.poll(30, TimeUnit.SECONDS);
    assertThat(inside).isNotNull();
    assertThat(inside.id()).isEqualTo("order-77");
    assertThat(inside.mdcId()).isEqualTo("order-77");
    assertThat(inside.traceId()).isEqualTo(TraceId.getInvalid());
    assertThat(headers.poll(30, TimeUnit.SECONDS))
        .containsKey("correlation_id")
        .doesNotContainKey("traceparent");
  }

  @Test
  void aWrappedConsumerUsesTheCorrelatorsPropagator() throws Exception {
    connect();
    try (Scope request = Observed.beginTraced("order-78")) {
      channel.basicPublish("", queue, AmqpCorrelation.inject((AMQP.BasicProperties) null), body());
    }
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();

    channel.basicConsume(
        queue,
        true,
        AmqpCorrelation.using(Propagators.IGNORING_INBOUND)
            .wrap(
                new DefaultConsumer(channel) {
                  @Override
                  public void handleDelivery(
                      String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body) {
                    observed.add(Observed.now());
                  }
                }));

    Observed inside = observed.poll(30, TimeUnit.SECONDS);
    assertThat(inside).isNotNull();
    assertThat(inside.id()).matches(VALID_ID).isNotEqualTo("order-78");
    assertThat(inside.mdcId()).isEqualTo(inside.id());
  }

  @Test
  void aCorrelatorWithItsOwnPropagatorIgnoresABadConfiguration() throws Exception {
    connect();
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();
    try (BadSetting bad = BadSetting.publish()) {
      AmqpCorrelator amqp = AmqpCorrelation.using(Propagators.ID_ONLY);
      channel.basicConsume(
          queue, true, amqp.wrap((tag, delivery) -> observed.add(Observed.now())), tag -> {});
      try (Scope request = Observed.beginTraced("order-79")) {
        channel.basicPublish("", queue, amqp.inject((AMQP.BasicProperties) null), body());
      }

      Observed inside = observed.poll(30, TimeUnit.SECONDS);
      assertThat(inside).isNotNull();
      assertThat(inside.id()).isEqualTo("order-79");
    }
  }

  @Test
  void aCorrelatorFromABadConfigurationFailsWhereItIsWired() {
    try (BadSetting bad = BadSetting.publish()) {
      assertThatThrownBy(() -> AmqpCorrelation.using(CorrelationPropagator.messaging()))
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
    }
    assertThatThrownBy(() -> AmqpCorrelation.using(null)).isInstanceOf(NullPointerException.class);
  }

  private static byte[] body() {
    return "body".getBytes(UTF_8);
  }
}
