package dev.servicekit.core;

/**
 * A configuration value that cannot be used. Thrown at start, before anything binds, with a message
 * that names the key, the offending value and what was expected.
 *
 * <p>Values of keys that look secret (token, password, secret, key material) are never included in
 * the message.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the configuration key, for example {@code servicekit.management.port}
   * @param value the raw value as found, or null when the value is missing
   * @param source where the value came from, for example {@code system property}
   * @param expected what a valid value looks like, for example {@code an integer from 0 to 65535}
   */
  public ConfigException(String key, String value, String source, String expected) {
    super(message(key, value, source, expected));
    this.key = key;
  }

  /** The key whose value was rejected. */
  public String key() {
    return key;
  }

  private static String message(String key, String value, String source, String expected) {
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

  private static String printable(String value) {
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
