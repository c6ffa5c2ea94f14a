package dev.servicekit.logging;

import dev.servicekit.logging.internal.JsonLoggerFactory;
import dev.servicekit.logging.internal.LevelTable;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Run-time control of servicekit-logging when it is the SLF4J provider: levels per logger-name
 * prefix, counters, and waiting until logged events are written. When another SLF4J provider is
 * bound, every method is a no-op ({@link #isActive()} says which).
 *
 * <pre>{@code
 * ServicekitLogging.setLevel("com.acme.orders", "debug");  // com.acme.orders and below
 * ServicekitLogging.setLevel("", "warn");                   // everything else
 * long dropped = ServicekitLogging.counters().dropped();
 * }</pre>
 *
 * <p>Thread-safe. Level changes apply to existing and future loggers at once.
 */
public final class ServicekitLogging {

  private ServicekitLogging() {}

  /**
   * True when servicekit-logging is the bound SLF4J provider.
   *
   * @return false when another SLF4J provider is bound, or none
   */
  public static boolean isActive() {
    return factory() != null;
  }

  /**
   * Sets the level of a logger-name prefix ({@code ""} for the root level).
   *
   * @param loggerPrefix a logger name or a dotted prefix of names; {@code ""} is the root
   * @param level trace, debug, info, warn, error or off (any case)
   * @throws IllegalArgumentException if {@code level} is none of these
   */
  public static void setLevel(String loggerPrefix, String level) {
    Objects.requireNonNull(loggerPrefix, "loggerPrefix");
    int threshold = LevelTable.parse(Objects.requireNonNull(level, "level"));
    if (threshold < 0) {
      throw new IllegalArgumentException(
          "level: expected trace, debug, info, warn, error or off, got " + level);
    }
    JsonLoggerFactory f = factory();
    if (f != null) {
      LevelTable t = f.levels();
      f.levels(loggerPrefix.isEmpty() ? t.withRoot(threshold) : t.with(loggerPrefix, threshold));
    }
  }

  /**
   * Sets the level of a logger-name prefix ({@code ""} for the root level).
   *
   * @param loggerPrefix a logger name or a dotted prefix of names; {@code ""} is the root
   * @param level the SLF4J level; events below it are not logged
   */
  public static void setLevel(String loggerPrefix, Level level) {
    setLevel(loggerPrefix, Objects.requireNonNull(level, "level").name());
  }

  /**
   * Removes the level set for a prefix, so it follows its parent again; the root stays.
   *
   * @param loggerPrefix the prefix as given to {@link #setLevel(String, Level)}; the root ({@code
   *     ""}) keeps its level
   */
  public static void resetLevel(String loggerPrefix) {
    Objects.requireNonNull(loggerPrefix, "loggerPrefix");
    JsonLoggerFactory f = factory();
    if (f != null && !loggerPrefix.isEmpty()) {
      f.levels(f.levels().without(loggerPrefix));
    }
  }

  /**
   * The effective level of a logger name: TRACE, DEBUG, INFO, WARN, ERROR or OFF.
   *
   * @param loggerName the full logger name
   * @return the level name; {@code OFF} when servicekit-logging is not active
   */
  public static String effectiveLevel(String loggerName) {
    JsonLoggerFactory f = factory();
    return f == null ? "OFF" : LevelTable.name(f.levels().threshold(String.valueOf(loggerName)));
  }

  /**
   * Counts of events per level and of dropped events; zeros when not active.
   *
   * @return live counters, read each time they are asked; {@link LogCounters#NOOP} when not active
   */
  public static LogCounters counters() {
    JsonLoggerFactory f = factory();
    return f == null ? LogCounters.NOOP : f.counters();
  }

  /**
   * Waits until every event the calling thread logged before this call has been written.
   *
   * @param timeout the longest to wait; the events still queued then are written later
   * @return true when written within {@code timeout} (always true when not active)
   */
  public static boolean flush(Duration timeout) {
    JsonLoggerFactory f = factory();
    return f == null || f.flush(timeout);
  }

  private static @Nullable JsonLoggerFactory factory() {
    ILoggerFactory f = LoggerFactory.getILoggerFactory();
    return f instanceof JsonLoggerFactory ? (JsonLoggerFactory) f : null;
  }
}
