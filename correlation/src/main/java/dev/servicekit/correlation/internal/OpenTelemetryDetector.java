package dev.servicekit.correlation.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tells whether an OpenTelemetry SDK or the agent owns propagation: {@code GlobalOpenTelemetry} is
 * set and its text-map propagator is not the no-op one.
 *
 * <p>{@code GlobalOpenTelemetry}'s accessors take a global lock, so they are not consulted on every
 * request: the first call checks, later calls re-check on a random one call in {@value
 * #RECHECK_ONE_IN} (a thread-local draw, no shared counter to contend on), and once an SDK is seen
 * the answer stays (a global instance cannot be unset outside tests). An SDK registered after
 * start-up is therefore noticed within a few hundred requests. Never sets or triggers
 * GlobalOpenTelemetry itself.
 */
public final class OpenTelemetryDetector {

  /** Roughly one call in this many re-checks while no SDK has been seen. */
  public static final int RECHECK_ONE_IN = 256;

  private static volatile boolean present;
  private static volatile boolean checked;

  private OpenTelemetryDetector() {}

  /** Whether an SDK or the agent is installed, as of the last check. */
  public static boolean sdkPresent() {
    if (present) {
      return true;
    }
    if (!checked || ThreadLocalRandom.current().nextInt(RECHECK_ONE_IN) == 0) {
      present = detect();
      checked = true;
    }
    return present;
  }

  /** Forgets the last answer so the next call checks again (for tests that reset the global). */
  public static void recheck() {
    present = false;
    checked = false;
  }

  private static boolean detect() {
    try {
      return GlobalOpenTelemetry.isSet()
          && GlobalOpenTelemetry.getOrNoop().getPropagators().getTextMapPropagator()
              != TextMapPropagator.noop();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
