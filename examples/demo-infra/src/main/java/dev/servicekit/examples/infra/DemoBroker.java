package dev.servicekit.examples.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An embedded ActiveMQ Artemis broker listening on {@code tcp://127.0.0.1:<port>}, without
 * security: a stand-in for the real broker of a deployment. Services reach it as any broker,
 * through {@code servicekit.examples.broker.url}. By default it keeps nothing (no persistence, a
 * temporary directory removed at close); {@link #start(int, Path)} turns persistence on in a
 * directory that survives the broker, so that persistent messages on durable queues outlive a
 * broker restart (and a {@code kill -9}: the journal is synced before a durable send is confirmed).
 *
 * <pre>{@code
 * try (DemoBroker broker = DemoBroker.start(0)) {
 *   String url = broker.url(); // tcp://127.0.0.1:41234
 * }
 * }</pre>
 *
 * <p>As a process ({@link #main}) it prints its URL, optionally writes it to a file once it accepts
 * connections, and stops on SIGTERM or SIGINT.
 */
public final class DemoBroker implements AutoCloseable {

  private final EmbeddedActiveMQ server;
  private final Path dataDir;
  private final boolean keepData;
  private final int port;

  private DemoBroker(EmbeddedActiveMQ server, Path dataDir, boolean keepData, int port) {
    this.server = server;
    this.dataDir = dataDir;
    this.keepData = keepData;
    this.port = port;
  }

  /**
   * Starts a broker on 127.0.0.1.
   *
   * @param port the TCP port, or 0 for a free one
   * @throws Exception when the broker cannot start (port taken)
   */
  public static DemoBroker start(int port) throws Exception {
    return start(port, Files.createTempDirectory("servicekit-demo-broker"), false);
  }

  /**
   * Starts a persistent broker on 127.0.0.1 whose journal lives in {@code dataDir} (created if
   * missing, kept at close): a broker started again on the same directory has every persistent
   * message that was not consumed yet.
   *
   * @param port the TCP port, or 0 for a free one
   * @param dataDir the journal, bindings, paging and large-message directory
   * @throws Exception when the broker cannot start (port taken, directory not writable)
   */
  public static DemoBroker start(int port, Path dataDir) throws Exception {
    Files.createDirectories(dataDir);
    return start(port, dataDir, true);
  }

  private static DemoBroker start(int port, Path dataDir, boolean persistent) throws Exception {
    int actual = port == 0 ? freePort() : port;
    Configuration config =
        new ConfigurationImpl()
            .setName("servicekit-demo")
            .setPersistenceEnabled(persistent)
            .setJournalType(JournalType.NIO)
            .setJournalFileSize(1024 * 1024)
            .setJournalMinFiles(2)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .setJournalDirectory(dataDir.resolve("journal").toString())
            .setBindingsDirectory(dataDir.resolve("bindings").toString())
            .setLargeMessagesDirectory(dataDir.resolve("large").toString())
            .setPagingDirectory(dataDir.resolve("paging").toString())
            .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + actual);
    config.setBrokerInstance(dataDir.toFile());
    EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    server.setConfiguration(config);
    server.start();
    return new DemoBroker(server, dataDir, persistent, actual);
  }

  /** The URL clients connect to, {@code tcp://127.0.0.1:<port>}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /**
   * Stops the broker and removes its temporary directory (a persistent broker's directory stays).
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("demo broker: stop failed: " + e);
    }
    if (keepData) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dataDir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }

  /** A currently free TCP port on 127.0.0.1 (free when asked; a race is possible). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Runs the broker until the process is stopped. Arguments: {@code [--port N] [--url-file PATH]
   * [--data-dir PATH]}; port 0 (the default) picks a free port. The URL file is written atomically
   * once the broker accepts connections. With {@code --data-dir} the broker is persistent there.
   *
   * @param args the command line
   * @throws Exception when the broker cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = 0;
    Path urlFile = null;
    Path dataDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--url-file" -> urlFile = Path.of(args[++i]);
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        default -> {
          System.err.println("usage: DemoBroker [--port N] [--url-file PATH] [--data-dir PATH]");
          System.exit(2);
        }
      }
    }
    DemoBroker broker = dataDir == null ? start(port) : start(port, dataDir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "demo-broker-stop"));
    if (urlFile != null) {
      Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
      Files.writeString(tmp, broker.url() + "\n");
      Files.move(tmp, urlFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    System.err.println("demo broker listening on " + broker.url());
    stopped.await();
  }
}
