package dev.servicekit.correlation.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) on 127.0.0.1, started once
 * for the whole test run and shut down when the run ends.
 *
 * <p>Register with {@code @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();}.
 */
final class KafkaBroker implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBroker.class);

  private volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** The {@code bootstrap.servers} value of the running broker. */
  String bootstrapServers() {
    return running.bootstrapServers;
  }

  /** Creates a topic with one partition and replication factor 1, and returns its name. */
  String createTopic(String prefix) {
    String name = prefix + "-" + Uuid.randomUuid();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create topic " + name, e);
    }
    return name;
  }

  /** A producer of string records; with {@code interceptor}, stamping correlation headers. */
  KafkaProducer<String, String> producer(boolean interceptor) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    if (interceptor) {
      config.put(
          ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
          CorrelationProducerInterceptor.class.getName());
    }
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /**
   * A consumer assigned to partition 0 of {@code topic} from its beginning (no group, so no
   * rebalance wait).
   */
  KafkaConsumer<String, String> consumer(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer());
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    return consumer;
  }

  /** Reads the first {@code count} records of {@code topic}, waiting up to 60 seconds. */
  List<ConsumerRecord<String, String>> consume(String topic, int count) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(topic)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).as("records read from " + topic).hasSize(count);
    return records;
  }

  private static final class Running implements AutoCloseable {
    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private Running(Path dir, KafkaRaftServer server, String bootstrapServers) {
      this.dir = dir;
      this.server = server;
      this.bootstrapServers = bootstrapServers;
    }

    static Running start() {
      // Kafka's log4j-api finds no log4j backend here (the tests log through SLF4J); say nothing
      System.setProperty("log4j2.statusLoggerLevel", "OFF");
      try {
        Path dir = Files.createTempDirectory("servicekit-kafka");
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty(
            "listeners",
            "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty(
            "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", dir.resolve("data").toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("log.flush.interval.messages", "1");

        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
          props.store(out, "servicekit test broker");
        }
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(formatOutput, true, StandardCharsets.UTF_8)) {
          exit =
              StorageTool.execute(
                  new String[] {
                    "format",
                    "--cluster-id",
                    Uuid.randomUuid().toString(),
                    "--config",
                    config.toString()
                  },
                  print);
        }
        if (exit != 0) {
          throw new IllegalStateException(
              "kafka storage format failed: " + formatOutput.toString(StandardCharsets.UTF_8));
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return new Running(dir, server, "127.0.0.1:" + brokerPort);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      }
    }
  }
}
