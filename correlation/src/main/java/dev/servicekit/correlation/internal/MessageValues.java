package dev.servicekit.correlation.internal;

import java.nio.charset.StandardCharsets;

/**
 * How every messaging adapter reads a header or property value: values longer than {@link
 * #MAX_LENGTH} count as absent (bytes that long are not even decoded), and bytes are decoded as
 * UTF-8, malformed sequences becoming U+FFFD, which the correlation rules then reject.
 */
public final class MessageValues {

  /**
   * Longest value read, in bytes (or characters for string values); longer ones are absent. The
   * same limit as every other carrier's ({@link SafeCarrier#MAX_VALUE_LENGTH}).
   */
  public static final int MAX_LENGTH = SafeCarrier.MAX_VALUE_LENGTH;

  private MessageValues() {}

  /** {@code value} decoded as UTF-8, or {@code null} when it is null or too long. */
  public static String decode(byte[] value) {
    if (value == null || value.length > MAX_LENGTH) {
      return null;
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  /** {@code value} itself, or {@code null} when it is longer than {@link #MAX_LENGTH}. */
  public static String bounded(String value) {
    return value == null || value.length() > MAX_LENGTH ? null : value;
  }
}
