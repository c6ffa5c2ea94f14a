package dev.servicekit.correlation.jms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded ActiveMQ Artemis broker (persistence and security off) with a TCP acceptor on
 * 127.0.0.1, started once for the whole test run.
 */
final class ArtemisBroker implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ArtemisBroker.class);

  private volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** A new connection factory for the broker; the caller closes it. */
  ActiveMQConnectionFactory connectionFactory() {
    return new ActiveMQConnectionFactory(running.url);
  }

  /** The broker's URL, {@code tcp://127.0.0.1:<port>}. */
  String url() {
    return running.url;
  }

  private static final class Running implements AutoCloseable {
    private final Path dir;
    private final EmbeddedActiveMQ broker;
    private final String url;

    private Running(Path dir, EmbeddedActiveMQ broker, String url) {
      this.dir = dir;
      this.broker = broker;
      this.url = url;
    }

    static Running start() {
      try {
        Path dir = Files.createTempDirectory("servicekit-artemis");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
          port = socket.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + port;
        Configuration config =
            new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString());
        config.addAcceptorConfiguration("tcp", url);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        return new Running(dir, broker, url);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("could not start Artemis", e);
      }
    }

    @Override
    public void close() throws Exception {
      try {
        broker.stop();
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
  }
}
