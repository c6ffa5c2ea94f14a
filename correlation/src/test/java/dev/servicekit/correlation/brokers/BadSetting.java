package dev.servicekit.correlation.brokers;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceIdentity;
import java.util.Map;

/**
 * A bad {@code servicekit.correlation.trace-context} published as a runtime's builder setting, as
 * the messaging adapter tests use it; closing withdraws it. Shared by the messaging adapter tests.
 */
public final class BadSetting implements AutoCloseable {

  /** The key whose value is bad. */
  public static final String KEY = "servicekit.correlation.trace-context";

  /** The bad value. */
  public static final String VALUE = "sometimes";

  /** The message of the failure at wiring time, in servicekit-config's format. */
  public static final String MESSAGE =
      ConfigException.message(KEY, VALUE, "builder", "one of auto, propagate, off");

  private final ProcessConfig.Layer layer;

  private BadSetting(ProcessConfig.Layer layer) {
    this.layer = layer;
  }

  /** Publishes the bad value (and {@code more} settings) until {@link #close()}. */
  public static BadSetting publish(String... more) {
    Map<String, String> settings = new java.util.HashMap<>();
    settings.put(KEY, VALUE);
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return new BadSetting(ProcessConfig.publish(ServiceIdentity.NONE, settings));
  }

  @Override
  public void close() {
    layer.close();
  }
}
