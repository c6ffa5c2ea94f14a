package dev.servicekit.core;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import java.net.InetAddress;
import java.time.Duration;

/**
 * The runtime's own settings, resolved and validated before anything binds.
 *
 * @param managementPort port of the management endpoint, 0 for any free port
 * @param managementAddress bind address of the management endpoint
 * @param drain how long to wait between withdrawing and stopping components
 * @param healthTimeout how long one health check may take before it counts as down
 * @param healthThreads threads that run health checks
 * @param shutdownHook whether to register a JVM shutdown hook that closes the runtime
 * @param discovery whether to load components through {@link java.util.ServiceLoader}
 */
record RuntimeSettings(
    int managementPort,
    InetAddress managementAddress,
    Duration drain,
    Duration healthTimeout,
    int healthThreads,
    boolean shutdownHook,
    boolean discovery) {

  static final String MANAGEMENT_PORT = "servicekit.management.port";
  static final String MANAGEMENT_ADDRESS = "servicekit.management.address";
  static final String DRAIN = "servicekit.shutdown.drain";
  static final String SHUTDOWN_HOOK = "servicekit.shutdown.hook";
  static final String HEALTH_TIMEOUT = "servicekit.health.timeout";
  static final String HEALTH_THREADS = "servicekit.health.threads";
  static final String DISCOVERY = "servicekit.components.discovery";

  static final int DEFAULT_MANAGEMENT_PORT = 8081;
  static final String DEFAULT_MANAGEMENT_ADDRESS = "0.0.0.0";
  static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);
  static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);
  static final int DEFAULT_HEALTH_THREADS = 8;

  /** Reads and validates every runtime setting. */
  static RuntimeSettings from(ServiceConfig config) {
    int port = config.getPort(MANAGEMENT_PORT, DEFAULT_MANAGEMENT_PORT);
    InetAddress address =
        IpLiterals.parse(config.getString(MANAGEMENT_ADDRESS, DEFAULT_MANAGEMENT_ADDRESS))
            .orElseThrow(
                () ->
                    new ConfigException(
                        MANAGEMENT_ADDRESS,
                        config.getString(MANAGEMENT_ADDRESS, ""),
                        source(config, MANAGEMENT_ADDRESS),
                        "an IPv4 or IPv6 address literal such as 127.0.0.1 or 0.0.0.0"));
    Duration drain = config.getDuration(DRAIN, DEFAULT_DRAIN);
    Duration timeout = config.getDuration(HEALTH_TIMEOUT, DEFAULT_HEALTH_TIMEOUT);
    if (timeout.isZero()) {
      throw new ConfigException(
          HEALTH_TIMEOUT, "0", source(config, HEALTH_TIMEOUT), "a positive duration such as 2s");
    }
    int threads = config.getInt(HEALTH_THREADS, DEFAULT_HEALTH_THREADS, 1, 256);
    boolean hook = config.getBoolean(SHUTDOWN_HOOK, true);
    boolean discovery = config.getBoolean(DISCOVERY, true);
    return new RuntimeSettings(port, address, drain, timeout, threads, hook, discovery);
  }

  private static String source(ServiceConfig config, String key) {
    return config.sourceOf(key).orElse(null);
  }
}
