package dev.servicekit.testing.internal;

/** A JSON text that is not valid, or a value of the wrong shape; the message says where. */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public JsonException(String message) {
    super(message);
  }
}
