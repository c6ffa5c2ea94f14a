package dev.servicekit.logging;

import org.slf4j.event.Level;

/**
 * Counts kept by servicekit-logging since the JVM started: events logged per level (enabled events
 * only) and events that were not written. Thread-safe; reading is cheap.
 *
 * <pre>{@code
 * long errors = ServicekitLogging.counters().events(Level.ERROR);
 * }</pre>
 */
public interface LogCounters {

  /** Counters that stay at zero, when servicekit-logging is not the SLF4J provider. */
  LogCounters NOOP =
      new LogCounters() {
        @Override
        public long events(Level level) {
          return 0;
        }

        @Override
        public long dropped() {
          return 0;
        }
      };

  /**
   * The number of events logged at {@code level}.
   *
   * @param level the SLF4J level
   * @return the count since the JVM started; it only grows
   */
  long events(Level level);

  /**
   * The number of events not written: dropped because the queue was full (policy {@code drop}),
   * logged from inside the logger's own work, or lost to a failing output.
   *
   * @return the count since the JVM started; it only grows
   */
  long dropped();
}
