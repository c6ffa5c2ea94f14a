package dev.servicekit.testing.internal;

/** An error answer of the agent: an HTTP status and the plain-text reason Consul sends with it. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the error.
   *
   * @param status the HTTP status code
   * @param reason the plain-text body, as Consul words it
   */
  public ApiException(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /**
   * The HTTP status code.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * A 400 Bad Request.
   *
   * @param reason the body
   * @return the exception
   */
  public static ApiException badRequest(String reason) {
    return new ApiException(400, reason);
  }

  /**
   * A 404 Not Found.
   *
   * @param reason the body
   * @return the exception
   */
  public static ApiException notFound(String reason) {
    return new ApiException(404, reason);
  }
}
