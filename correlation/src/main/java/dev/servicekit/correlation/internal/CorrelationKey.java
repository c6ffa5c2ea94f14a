package dev.servicekit.correlation.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * The {@link ContextKey} under which the current correlation id lives in OpenTelemetry's Context.
 */
public final class CorrelationKey {

  /** Holds the validated correlation id as a {@link String}. */
  public static final ContextKey<String> KEY = ContextKey.named("servicekit-correlation-id");

  private CorrelationKey() {}

  /** Returns the correlation id stored in {@code context}, or {@code null}. */
  public static String get(Context context) {
    return context == null ? null : context.get(KEY);
  }
}
