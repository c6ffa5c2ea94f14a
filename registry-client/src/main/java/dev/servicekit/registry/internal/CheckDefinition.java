package dev.servicekit.registry.internal;

import java.time.Duration;

/**
 * The one check a registration carries: how the agent learns that this instance is healthy. A
 * sealed type, and every use goes through {@link #match}, so a new kind of check does not compile
 * until each use (the JSON mapping, the registrar's maintenance) handles it.
 */
sealed interface CheckDefinition {

  /** The check's ID, {@code service:<instance id>}. */
  String id();

  /** How long the check may stay critical before the agent removes the service. */
  Duration deregisterCriticalAfter();

  /**
   * Applies the case for this kind of check.
   *
   * @param <R> the result of both cases
   * @param <X> what the cases may throw
   */
  <R, X extends Exception> R match(Case<HttpCheck, R, X> http, Case<TtlCheck, R, X> ttl) throws X;

  /** What to do for one kind of check. */
  @FunctionalInterface
  interface Case<T extends CheckDefinition, R, X extends Exception> {
    R apply(T check) throws X;
  }

  /**
   * The agent polls {@code url} (the management readiness endpoint) every {@code interval}.
   *
   * @param timeout how long the agent waits for an answer
   */
  record HttpCheck(
      String id, String url, Duration interval, Duration timeout, Duration deregisterCriticalAfter)
      implements CheckDefinition {

    @Override
    public <R, X extends Exception> R match(Case<HttpCheck, R, X> http, Case<TtlCheck, R, X> ttl)
        throws X {
      return http.apply(this);
    }
  }

  /**
   * The service passes the check itself (every {@code check.heartbeat}); the agent marks it
   * critical when no pass came within {@code ttl}.
   */
  record TtlCheck(String id, Duration ttl, Duration deregisterCriticalAfter)
      implements CheckDefinition {

    @Override
    public <R, X extends Exception> R match(Case<HttpCheck, R, X> http, Case<TtlCheck, R, X> ttl)
        throws X {
      return ttl.apply(this);
    }
  }
}
