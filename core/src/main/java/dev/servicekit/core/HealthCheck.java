package dev.servicekit.core;

/**
 * A named probe of one dependency or internal condition, run by the {@code ServiceRuntime}.
 *
 * <p>A check that throws, or does not answer within the configured timeout, counts as down. The
 * runtime never runs the same check concurrently with itself, so implementations need no locking of
 * their own.
 *
 * <pre>{@code
 * ServiceRuntime.builder().healthCheck("db", () -> pool.isHealthy() ? HealthStatus.up() : HealthStatus.down("pool exhausted"));
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {

  /** Whether a check decides if the process is alive or if it is ready to take traffic. */
  enum Kind {
    /** Failing means the process should be restarted ({@code /health/live}). */
    LIVENESS,
    /** Failing means the process should not receive traffic ({@code /health/ready}). */
    READINESS
  }

  /**
   * Runs the probe.
   *
   * @return the status; never null (a null return counts as down)
   * @throws Exception any failure, reported as down with the exception type and message
   */
  HealthStatus check() throws Exception;
}
