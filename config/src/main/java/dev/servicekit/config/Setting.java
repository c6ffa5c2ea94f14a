package dev.servicekit.config;

import java.util.Objects;

/**
 * One value as found: the key it was looked up by, the trimmed value and where it came from ({@code
 * builder}, {@code system property a.b}, {@code environment variable A_B}, {@code
 * OTEL_RESOURCE_ATTRIBUTES service.name}).
 *
 * @param key the key or variable name that was looked up
 * @param value the trimmed, non-blank value
 * @param source where the value came from, for error messages
 */
public record Setting(String key, String value, String source) {

  /**
   * Checks that no part is null.
   *
   * @param key the key or variable name that was looked up
   * @param value the trimmed, non-blank value
   * @param source where the value came from, for error messages
   */
  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The error for this value, in servicekit's one format.
   *
   * @param expected what a valid value looks like, for example {@code an integer from 0 to 65535}
   * @return an exception that names this setting's key, value and source; the caller throws it
   */
  public ConfigException error(String expected) {
    return new ConfigException(key, value, source, expected);
  }

  @Override
  public String toString() {
    return ServiceConfig.isSecretKey(key)
        ? key + "=<redacted> (from " + source + ")"
        : key + "='" + ConfigException.printable(value) + "' (from " + source + ")";
  }
}
