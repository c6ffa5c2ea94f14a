package dev.servicekit.config.spi;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Receives the meters a {@link MeterSource} describes. */
public interface MeterSink {

  /**
   * A monotonically increasing count, read when scraped.
   *
   * @param name the meter name, for example {@code servicekit.logging.events}
   * @param description what it counts
   * @param tags tag names and values, for example {@code level=error}
   * @param count the current count
   */
  void counter(String name, String description, Map<String, String> tags, LongSupplier count);

  /**
   * A value that goes up and down, read when scraped.
   *
   * @param name the meter name
   * @param description what it measures
   * @param tags tag names and values
   * @param value the current value
   */
  void gauge(String name, String description, Map<String, String> tags, DoubleSupplier value);
}
