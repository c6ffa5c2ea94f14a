package dev.servicekit.registry.internal;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.testing.LocalConsul;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Real runtimes wired to a {@link LocalConsul}, with fast timings, and a log capture. */
final class Fixtures {

  private Fixtures() {}

  /**
   * A runtime builder for one instance: management on 127.0.0.1, the agent address given the way
   * users give it (the {@code CONSUL_HTTP_ADDR} environment variable), short intervals.
   */
  static ServiceRuntime.Builder service(
      LocalConsul consul, String name, String instanceId, int port) {
    return service(consul.httpAddress(), name, instanceId, port);
  }

  static ServiceRuntime.Builder service(
      String consulAddress, String name, String instanceId, int port) {
    return service(Map.of("CONSUL_HTTP_ADDR", consulAddress), name, instanceId, port);
  }

  /** As above with the given environment variables (CONSUL_HTTP_ADDR and any other). */
  static ServiceRuntime.Builder service(
      Map<String, String> env, String name, String instanceId, int port) {
    return ServiceRuntime.builder()
        .config(ServiceConfig.of(Map.of(), new Properties(), env))
        .serviceName(name)
        .instanceId(instanceId)
        .version("1.2.3")
        .environment("test")
        .address("127.0.0.1")
        .port(port)
        .managementBindAddress("127.0.0.1")
        .managementPort(0)
        .shutdownHook(false)
        .drainPeriod(Duration.ZERO)
        .meterRegistry(new SimpleMeterRegistry())
        .config("servicekit.registry.check.interval", "1s")
        .config("servicekit.registry.check.timeout", "1s")
        .config("servicekit.registry.verify-interval", "500ms")
        .config("servicekit.registry.backoff.initial", "100ms")
        .config("servicekit.registry.backoff.max", "500ms")
        .config("servicekit.registry.request-timeout", "3s")
        .config("servicekit.registry.watch.wait", "5s")
        .config("servicekit.registry.watch.min-interval", "50ms");
  }

  static LocalConsul.Builder consul() {
    return LocalConsul.builder()
        .minimumCheckInterval(Duration.ofMillis(200))
        .minimumDeregisterInterval(Duration.ofSeconds(1))
        .reapInterval(Duration.ofMillis(250));
  }

  /** Captures every JUL record (where slf4j-jdk14 sends SLF4J's) at every level while open. */
  static final class LogCapture extends Handler implements AutoCloseable {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger ecwid = Logger.getLogger("com.ecwid");
    private final Logger servicekit = Logger.getLogger("dev.servicekit");
    private final Level rootLevel = root.getLevel();

    LogCapture() {
      setLevel(Level.ALL);
      root.addHandler(this);
      ecwid.setLevel(Level.ALL);
      servicekit.setLevel(Level.ALL);
    }

    /** Every message, parameter and exception text seen, one per line. */
    String text() {
      StringBuilder sb = new StringBuilder();
      java.util.logging.SimpleFormatter f = new java.util.logging.SimpleFormatter();
      for (LogRecord r : records) {
        sb.append(f.format(r)).append('\n');
        if (r.getParameters() != null) {
          for (Object p : r.getParameters()) {
            sb.append(p).append('\n');
          }
        }
      }
      return sb.toString();
    }

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      root.removeHandler(this);
      ecwid.setLevel(null);
      servicekit.setLevel(null);
      root.setLevel(rootLevel);
    }
  }
}
