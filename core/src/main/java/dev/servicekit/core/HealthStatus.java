package dev.servicekit.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link HealthCheck}: up or down, with optional details for humans and tools.
 *
 * <p>Immutable. Detail values should be strings, numbers or booleans; anything else is rendered
 * with {@code String.valueOf} on the management endpoint.
 *
 * <pre>{@code
 * return HealthStatus.down("connection refused").withDetail("host", "db:5432");
 * }</pre>
 */
public final class HealthStatus {

  private static final HealthStatus UP = new HealthStatus(true, Map.of());

  private final boolean up;
  private final Map<String, Object> details;

  private HealthStatus(boolean up, Map<String, Object> details) {
    this.up = up;
    this.details = details;
  }

  /** A passing status without details. */
  public static HealthStatus up() {
    return UP;
  }

  /** A failing status without details. */
  public static HealthStatus down() {
    return new HealthStatus(false, Map.of());
  }

  /** A failing status with a reason, reported as the {@code reason} detail. */
  public static HealthStatus down(String reason) {
    return down().withDetail("reason", Objects.requireNonNull(reason, "reason"));
  }

  /** Whether the check passed. */
  public boolean isUp() {
    return up;
  }

  /** Details in insertion order; never null, unmodifiable. */
  public Map<String, Object> details() {
    return details;
  }

  /** A copy of this status with one more detail (a later value for the same key wins). */
  public HealthStatus withDetail(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, Object> copy = new LinkedHashMap<>(details);
    copy.put(key, value);
    return new HealthStatus(up, Collections.unmodifiableMap(copy));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HealthStatus other && up == other.up && details.equals(other.details);
  }

  @Override
  public int hashCode() {
    return Objects.hash(up, details);
  }

  @Override
  public String toString() {
    return (up ? "UP" : "DOWN") + (details.isEmpty() ? "" : " " + details);
  }
}
