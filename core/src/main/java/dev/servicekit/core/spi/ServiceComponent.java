package dev.servicekit.core.spi;

/**
 * A part of a running service that the {@code ServiceRuntime} starts and stops: a registry client,
 * a scheduler, a connection pool.
 *
 * <p>Components start in ascending {@link ComponentProvider#order()} (explicit components from the
 * builder after the discovered ones, in the order they were added; the service's own HTTP servers
 * given to the builder last) and stop in reverse. On a graceful stop the runtime first turns
 * readiness false, then calls {@link #withdraw()} on every component (reverse order), waits for the
 * drain period, then calls {@link #stop()} (reverse order). A component that fails to stop does not
 * keep the others from stopping.
 *
 * <p>An application reaches a started component through {@code runtime.component(Type.class)},
 * which finds the first component that is an instance of {@code Type}.
 */
public interface ServiceComponent {

  /**
   * A short name for logs, health details and error messages, for example {@code consul}.
   *
   * @return the name; stable for the component's life
   */
  String name();

  /**
   * Starts the component. Called once. A component whose remote side is unavailable should start
   * anyway and retry in the background; throwing here aborts the start of the whole runtime.
   *
   * @throws Exception when the component cannot work at all (misconfiguration)
   */
  void start() throws Exception;

  /**
   * Stops announcing the service to the outside (deregister, stop accepting new work) while it can
   * still serve requests in flight. Called once, before the drain period. The default does nothing.
   *
   * @throws Exception reported and otherwise ignored
   */
  default void withdraw() throws Exception {}

  /**
   * Releases everything the component holds. Called once, after the drain period.
   *
   * @throws Exception reported and otherwise ignored
   */
  void stop() throws Exception;
}
