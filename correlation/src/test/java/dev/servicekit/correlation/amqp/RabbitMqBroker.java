package dev.servicekit.correlation.amqp;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.ConnectionFactory;

/**
 * The RabbitMQ broker the tests use: an external node whose address comes from {@code
 * SERVICEKIT_TEST_RABBITMQ_HOST} and {@code SERVICEKIT_TEST_RABBITMQ_PORT} ({@code
 * .ci/services/rabbitmq.sh start} prints them). Without them the tests are skipped with a message
 * naming the missing variables, unless {@code SERVICEKIT_REQUIRE_BROKERS=true}, where they fail.
 */
final class RabbitMqBroker {

  static final String HOST_VARIABLE = "SERVICEKIT_TEST_RABBITMQ_HOST";
  static final String PORT_VARIABLE = "SERVICEKIT_TEST_RABBITMQ_PORT";

  private RabbitMqBroker() {}

  /** A connection factory for the configured node; skips or fails the test when there is none. */
  static ConnectionFactory connectionFactory() {
    String host = System.getenv(HOST_VARIABLE);
    String port = System.getenv(PORT_VARIABLE);
    if (isBlank(host) || isBlank(port)) {
      String message =
          "RabbitMQ is not configured, missing "
              + (isBlank(host) ? HOST_VARIABLE + (isBlank(port) ? " and " : "") : "")
              + (isBlank(port) ? PORT_VARIABLE : "")
              + ": run `eval \"$(bash .ci/services/rabbitmq.sh start)\"` first";
      if ("true".equalsIgnoreCase(System.getenv("SERVICEKIT_REQUIRE_BROKERS"))) {
        fail(message + " (SERVICEKIT_REQUIRE_BROKERS=true)");
      }
      assumeTrue(false, message);
    }
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(Integer.parseInt(port.trim()));
    factory.setConnectionTimeout(10_000);
    return factory;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
