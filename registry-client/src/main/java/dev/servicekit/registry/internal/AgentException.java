package dev.servicekit.registry.internal;

/**
 * A call to the agent that failed: unreachable ({@link #status()} 0) or answered with an error
 * status. Messages are built by {@link ConsulTransport} and never contain the ACL token.
 */
final class AgentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  AgentException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when the agent could not be reached. */
  int status() {
    return status;
  }
}
