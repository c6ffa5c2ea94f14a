package dev.servicekit.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

  /**
   * A passing status without details.
   *
   * @return the shared passing status
   */
  public static HealthStatus up() {
    return UP;
  }

  /**
   * A failing status without details.
   *
   * @return a failing status; add details with {@link #withDetail}
   */
  public static HealthStatus down() {
    return new HealthStatus(false, Map.of());
  }

  /**
   * A failing status with a reason, reported as the {@code reason} detail.
   *
   * @param reason a short, human-readable reason, shown on the management endpoint; keep secrets
   *     out
   * @return a failing status with one detail
   */
  public static HealthStatus down(String reason) {
    return down().withDetail("reason", Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Whether the check passed.
   *
   * @return true for up, false for down
   */
  public boolean isUp() {
    return up;
  }

  /**
   * Details in insertion order; never null, unmodifiable.
   *
   * @return the details by name
   */
  public Map<String, Object> details() {
    return details;
  }

  /**
   * A copy of this status with one more detail (a later value for the same key wins).
   *
   * @param key the detail name
   * @param value a value the endpoint writes as JSON: a string, number, boolean, list or map
   * @return a new status with the same up or down state
   */
  public HealthStatus withDetail(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, Object> copy = new LinkedHashMap<>(details);
    copy.put(key, value);
    return new HealthStatus(up, Collections.unmodifiableMap(copy));
  }

  @Override
  public boolean equals(@Nullable Object o) {
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
