package dev.servicekit.correlation.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether an OpenTelemetry SDK or the agent owns propagation: {@code GlobalOpenTelemetry} is
 * set and its text-map propagator is not the no-op one.
 *
 * <p>{@code GlobalOpenTelemetry}'s accessors take a global lock, so they are not consulted per
 * request: the answer is re-checked at most once a second, and once an SDK is seen the answer stays
 * (a global instance cannot be unset outside tests). Never sets or triggers GlobalOpenTelemetry
 * itself.
 */
public final class OpenTelemetryDetector {

  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static volatile boolean present;
  private static volatile long nextCheck = System.nanoTime();

  private OpenTelemetryDetector() {}

  /** Whether an SDK or the agent is installed, as of the last check (at most a second ago). */
  public static boolean sdkPresent() {
    if (present) {
      return true;
    }
    long now = System.nanoTime();
    if (now - nextCheck >= 0) {
      nextCheck = now + RECHECK_NANOS;
      present = detect();
    }
    return present;
  }

  /** Forgets the last answer so the next call checks again (for tests that reset the global). */
  public static void recheck() {
    present = false;
    nextCheck = System.nanoTime();
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
