package dev.servicekit.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A configuration value that cannot be used, in servicekit's one error format: {@code Invalid
 * configuration <key>='<value>' (from <source>): expected <what>}.
 *
 * <p>Values of keys that look secret ({@link ServiceConfig#isSecretKey}) are shown as {@code
 * <redacted>}; control and format characters are escaped and long values are cut, so the message is
 * always one safe line. Modules that fail fast throw it at start; servicekit-logging, which never
 * throws, prints the same {@link #getMessage() message} once and uses its default.
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final @Nullable String source;
  private final String expected;

  /**
   * Creates the exception.
   *
   * @param key the configuration key, for example {@code servicekit.management.port}
   * @param value the raw value as found, or null when the value is missing
   * @param source where the value came from, for example {@code system property a.b}, or null
   * @param expected what a valid value looks like, for example {@code an integer from 0 to 65535}
   */
  public ConfigException(
      String key, @Nullable String value, @Nullable String source, String expected) {
    super(message(key, value, source, expected));
    this.key = Objects.requireNonNull(key, "key");
    this.source = source;
    this.expected = Objects.requireNonNull(expected, "expected");
  }

  /**
   * The key whose value was rejected.
   *
   * @return the key, for example {@code servicekit.management.port}
   */
  public String key() {
    return key;
  }

  /**
   * Where the rejected value came from, or empty when it is missing or its source is unknown.
   *
   * @return for example {@code system property servicekit.management.port}
   */
  public java.util.Optional<String> source() {
    return java.util.Optional.ofNullable(source);
  }

  /**
   * What a valid value looks like.
   *
   * @return for example {@code an integer from 0 to 65535}
   */
  public String expected() {
    return expected;
  }

  /**
   * The message for these parts, as {@link #getMessage()} shows it.
   *
   * @param key the configuration key
   * @param value the raw value, or null when it is missing
   * @param source where the value came from, or null when unknown
   * @param expected what a valid value looks like
   * @return one line; a secret key's value is redacted, control characters are escaped and long
   *     values cut
   */
  public static String message(
      String key, @Nullable String value, @Nullable String source, String expected) {
    StringBuilder sb = new StringBuilder("Invalid configuration ").append(key);
    if (value == null) {
      sb.append(": no value");
    } else if (ServiceConfig.isSecretKey(key)) {
      sb.append("=<redacted>");
    } else {
      sb.append("='").append(printable(value)).append('\'');
    }
    if (source != null) {
      sb.append(" (from ").append(source).append(')');
    }
    return sb.append(": expected ").append(expected).toString();
  }

  static String printable(String value) {
    StringBuilder sb = new StringBuilder(Math.min(value.length(), 80));
    for (int i = 0; i < value.length() && i < 80; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)
          || Character.isSurrogate(c)
          || Character.getType(c) == Character.FORMAT
          || c == '\u2028'
          || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (value.length() > 80) {
      sb.append("...(").append(value.length()).append(" chars)");
    }
    return sb.toString();
  }
}
