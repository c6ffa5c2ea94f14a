package dev.servicekit.correlation.amqp;

import static dev.servicekit.correlation.brokers.Observed.TRACEPARENT;
import static dev.servicekit.correlation.brokers.Observed.TRACE_ID;
import static dev.servicekit.correlation.brokers.Observed.VALID_ID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import dev.servicekit.config.ConfigException;
import dev.servicekit.correlation.brokers.BadSetting;
import dev.servicekit.correlation.brokers.Observed;
import dev.servicekit.correlation.internal.MessageValues;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class AmqpCorrelationTest {

  private Connection connection;
  private Channel channel;
  private String queue;

  /** Connects to the test node; skips or fails the test when there is none. */
  private void connect() throws Exception {
    connection = RabbitMqBroker.connectionFactory().newConnection("servicekit-correlation-test");
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
  void idAndTraceparentSurvivePublishAndConsume() throws Exception {
    connect();
    try (Scope request = Observed.beginTraced("order-42")) {
      channel.basicPublish("", queue, AmqpCorrelation.inject((AMQP.BasicProperties) null), body());
    }
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();
    BlockingQueue<Map<String, Object>> headers = new LinkedBlockingQueue<>();
    BlockingQueue<String> afterwards = new LinkedBlockingQueue<>();

    channel.basicConsume(
        queue,
        true,
        (tag, delivery) -> {
          AmqpCorrelation.wrap(
                  (t, d) -> {
                    observed.add(Observed.now());
                    headers.add(d.getProperties().getHeaders());
                  })
              .handle(tag, delivery);
          afterwards.add(String.valueOf(MDC.get("correlation_id")));
        },
        tag -> {});

    assertThat(observed.poll(30, TimeUnit.SECONDS))
        .isEqualTo(new Observed("order-42", "order-42", TRACE_ID, TRACE_ID));
    Map<String, Object> received = headers.poll(30, TimeUnit.SECONDS);
    assertThat(received.get("correlation_id")).isInstanceOf(LongString.class);
    assertThat(received.get("correlation_id")).hasToString("order-42");
    assertThat(received.get("traceparent")).hasToString(TRACEPARENT);
    assertThat(afterwards.poll(30, TimeUnit.SECONDS)).isEqualTo("null");
  }

  @Test
  void aWrappedConsumerRunsEachDeliveryInItsOwnScope() throws Exception {
    connect();
    for (String id : List.of("consume-a", "consume-b")) {
      try (Scope request = Observed.beginTraced(id)) {
        AMQP.BasicProperties properties =
            new AMQP.BasicProperties.Builder().contentType("text/plain").build();
        channel.basicPublish("", queue, AmqpCorrelation.inject(properties), body());
      }
    }
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();
    BlockingQueue<String> consumeOk = new LinkedBlockingQueue<>();

    channel.basicConsume(
        queue,
        true,
        AmqpCorrelation.wrap(
            new DefaultConsumer(channel) {
              @Override
              public void handleConsumeOk(String consumerTag) {
                consumeOk.add(consumerTag);
              }

              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                observed.add(Observed.now());
              }
            }));

    assertThat(consumeOk.poll(30, TimeUnit.SECONDS)).isNotBlank();
    assertThat(observed.poll(30, TimeUnit.SECONDS))
        .isEqualTo(new Observed("consume-a", "consume-a", TRACE_ID, TRACE_ID));
    assertThat(observed.poll(30, TimeUnit.SECONDS))
        .isEqualTo(new Observed("consume-b", "consume-b", TRACE_ID, TRACE_ID));
  }

  @Test
  void hostileHeaderValuesAreReplacedByAFreshId() throws Exception {
    connect();
    List<Object> hostile =
        List.of(
            "abc\r\nX-Injected: yes",
            "abc\u0000def",
            "abc\u0085def",
            new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'},
            "a".repeat(10 * 1024),
            "a".repeat(129),
            42,
            List.of("list-1"));
    for (Object value : hostile) {
      Map<String, Object> headers = new HashMap<>();
      headers.put("correlation_id", value);
      headers.put("traceparent", "00-not-a-trace-01");
      channel.basicPublish(
          "", queue, new AMQP.BasicProperties.Builder().headers(headers).build(), body());
    }
    BlockingQueue<Observed> observed = new LinkedBlockingQueue<>();
    channel.basicConsume(
        queue, true, AmqpCorrelation.wrap((tag, d) -> observed.add(Observed.now())), tag -> {});

    List<Observed> all = new ArrayList<>();
    for (int i = 0; i < hostile.size(); i++) {
      Observed inside = observed.poll(30, TimeUnit.SECONDS);
      assertThat(inside).as("delivery %d", i).isNotNull();
      all.add(inside);
    }

    assertThat(all)
        .allSatisfy(
            inside -> {
              assertThat(inside.id()).matches(VALID_ID).hasSizeLessThanOrEqualTo(36);
              assertThat(inside.id()).isNotEqualTo("42");
              assertThat(inside.mdcId()).isEqualTo(inside.id());
              assertThat(inside.traceId()).isEqualTo(TraceId.getInvalid());
            });
    assertThat(all).extracting(Observed::id).doesNotHaveDuplicates();
  }

  @Test
  void readsLongStringByteArrayAndStringValues() {
    Map<String, Object> headers = new HashMap<>();
    headers.put("a", LongStringHelper.asLongString("from-long-string"));
    headers.put("b", "from-bytes".getBytes(UTF_8));
    headers.put("c", "from-string");
    headers.put("d", 42);
    headers.put("big", LongStringHelper.asLongString(new byte[MessageValues.MAX_LENGTH + 1]));

    assertThat(AmqpCorrelator.read(headers, "a")).isEqualTo("from-long-string");
    assertThat(AmqpCorrelator.read(headers, "b")).isEqualTo("from-bytes");
    assertThat(AmqpCorrelator.read(headers, "c")).isEqualTo("from-string");
    assertThat(AmqpCorrelator.read(headers, "d")).isNull();
    assertThat(AmqpCorrelator.read(headers, "big")).isNull();
    assertThat(AmqpCorrelator.read(headers, "missing")).isNull();
    assertThat(AmqpCorrelator.read(null, "a")).isNull();
  }

  @Test
  void injectKeepsOtherHeadersAndLeavesItsArgumentUnchanged() {
    Map<String, Object> original = new HashMap<>();
    original.put("business", "kept");
    original.put("correlation_id", "stale");
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder().headers(original).priority(3).build();

    AMQP.BasicProperties stamped;
    try (Scope request = Observed.beginTraced("order-5")) {
      stamped = AmqpCorrelation.inject(properties);
    }

    assertThat(stamped.getHeaders())
        .containsEntry("business", "kept")
        .containsEntry("correlation_id", "order-5")
        .containsEntry("traceparent", TRACEPARENT);
    assertThat(stamped.getPriority()).isEqualTo(3);
    assertThat(original).containsEntry("correlation_id", "stale").hasSize(2);
  }

  @Test
  void aBadSettingFailsWrappingInConfigsFormat() throws Exception {
    connect();
    try (BadSetting bad = BadSetting.publish()) {
      assertThatThrownBy(() -> AmqpCorrelation.wrap((DeliverCallback) (tag, delivery) -> {}))
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
      assertThatThrownBy(() -> AmqpCorrelation.wrap(new DefaultConsumer(channel)))
          .isInstanceOf(ConfigException.class)
          .hasMessage(BadSetting.MESSAGE);
    }
  }

  @Test
  void aBadSettingNeverFailsADelivery() throws Exception {
    connect();
    BlockingQueue<Observed> wrapped = new LinkedBlockingQueue<>();
    DeliverCallback callback = AmqpCorrelation.wrap((tag, d) -> wrapped.add(Observed.now()));
    BlockingQueue<Observed> byHand = new LinkedBlockingQueue<>();
    String second = channel.queueDeclare().getQueue();

    try (BadSetting bad = BadSetting.publish()) {
      channel.basicConsume(queue, true, callback, tag -> {});
      channel.basicConsume(
          second,
          true,
          (tag, delivery) -> {
            try (Scope scope = AmqpCorrelation.open(delivery.getProperties())) {
              byHand.add(Observed.now());
            }
          },
          tag -> {});
      try (Scope request = Observed.beginTraced("order-13")) {
        channel.basicPublish(
            "", queue, AmqpCorrelation.inject((AMQP.BasicProperties) null), body());
        Map<String, Object> headers = new HashMap<>();
        AmqpCorrelation.inject(headers);
        channel.basicPublish(
            "", second, new AMQP.BasicProperties.Builder().headers(headers).build(), body());
      }

      Observed expected = new Observed("order-13", "order-13", TRACE_ID, TRACE_ID);
      assertThat(wrapped.poll(30, TimeUnit.SECONDS)).isEqualTo(expected);
      assertThat(byHand.poll(30, TimeUnit.SECONDS)).isEqualTo(expected);
    }
  }

  private static byte[] body() {
    return "body".getBytes(UTF_8);
  }
}
