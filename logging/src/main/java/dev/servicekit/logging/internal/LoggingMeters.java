package dev.servicekit.logging.internal;

import dev.servicekit.config.spi.MeterSink;
import dev.servicekit.config.spi.MeterSource;
import dev.servicekit.logging.ServicekitLogging;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Logging's meters, bound by a running servicekit runtime when servicekit-logging is the SLF4J
 * provider: {@code servicekit.logging.events} per {@code level} and {@code
 * servicekit.logging.dropped}. Found through {@link java.util.ServiceLoader}; describes nothing
 * when another SLF4J provider is bound.
 */
public final class LoggingMeters implements MeterSource {

  /** Called by {@link java.util.ServiceLoader}. */
  public LoggingMeters() {}

  @Override
  public void describe(MeterSink sink) {
    if (!ServicekitLogging.isActive()) {
      return;
    }
    for (Level level : Level.values()) {
      sink.counter(
          "servicekit.logging.events",
          "Events logged at a level (enabled events only)",
          Map.of("level", level.name().toLowerCase(Locale.ROOT)),
          () -> ServicekitLogging.counters().events(level));
    }
    sink.counter(
        "servicekit.logging.dropped",
        "Events not written: queue full under the drop policy, logged from inside the logger, or"
            + " lost to a failing output",
        Map.of(),
        () -> ServicekitLogging.counters().dropped());
  }
}
