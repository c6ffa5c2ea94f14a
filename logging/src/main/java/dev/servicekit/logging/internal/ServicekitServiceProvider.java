package dev.servicekit.logging.internal;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider, found through {@link java.util.ServiceLoader}. {@link #initialize()} reads
 * the configuration, opens the output, starts the writer thread and registers a shutdown hook that
 * writes everything logged before the JVM exits; then routes {@code java.util.logging} and uncaught
 * exceptions into it (see {@link Bridges}).
 */
public final class ServicekitServiceProvider implements SLF4JServiceProvider {

  private final ThreadLocalMdcAdapter mdc = new ThreadLocalMdcAdapter();
  private final BasicMarkerFactory markers = new BasicMarkerFactory();
  private volatile JsonLoggerFactory factory;

  /** Called by SLF4J's {@code ServiceLoader}. */
  public ServicekitServiceProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    JsonLoggerFactory f;
    try {
      LogConfig config = LogConfig.fromEnvironment();
      f =
          new JsonLoggerFactory(
              config, JsonLoggerFactory.openSink(config), mdc, TraceSource.detect());
    } catch (RuntimeException | LinkageError e) {
      System.err.println(
          "servicekit-logging: could not apply the configuration (" + e + "); using the defaults");
      LogConfig defaults = LogConfig.of(java.util.Map.of(), java.util.Map.of());
      f = new JsonLoggerFactory(defaults, new StandardStreamSink(false), mdc, TraceSource.NONE);
    }
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(f::shutdown, "servicekit-log-shutdown"));
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is already shutting down: events are written as they come
    }
    factory = f;
    Bridges.install(f.config(), f);
  }
}
