package dev.servicekit.correlation.internal;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Setting;
import java.util.Optional;

/**
 * Reads correlation settings through servicekit-config: a started runtime's builder values, then
 * Java system property {@code servicekit.a.b}, then environment variable {@code SERVICEKIT_A_B},
 * then the default. Bad values fail with a {@link ConfigException} (an {@link
 * IllegalArgumentException}) naming the key, the value, its source and what was expected.
 */
public final class Settings {

  private Settings() {}

  /** Returns the configured value of {@code key}, or {@code null} when no source sets it. */
  public static String read(String key) {
    return ProcessConfig.current().get(key).orElse(null);
  }

  /**
   * The environment variable that backs {@code key}: {@code servicekit.a-b.c -> SERVICEKIT_A_B_C}.
   */
  public static String envName(String key) {
    return ServiceConfig.envName(key);
  }

  /** Reads an enum setting by its lower-case name from the process configuration. */
  public static <E extends Enum<E>> E readEnum(String key, Class<E> type, E defaultValue) {
    return readEnum(ProcessConfig.current(), key, type, defaultValue);
  }

  /** Reads an enum setting by its lower-case name (dashes for underscores). */
  public static <E extends Enum<E>> E readEnum(
      ServiceConfig config, String key, Class<E> type, E defaultValue) {
    return config.getEnum(key, type, defaultValue);
  }

  /** Reads an HTTP header name setting from the process configuration. */
  public static String readHeaderName(String key, String defaultValue) {
    return readHeaderName(ProcessConfig.current(), key, defaultValue);
  }

  /** Reads an HTTP header name setting (an RFC 9110 token of at most 64 characters). */
  public static String readHeaderName(ServiceConfig config, String key, String defaultValue) {
    Optional<Setting> found = config.find(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    if (!isToken(found.get().value())) {
      throw found.get().error("an HTTP header name (1 to 64 token characters)");
    }
    return found.get().value();
  }

  /** Whether {@code name} is an RFC 9110 token of 1 to 64 characters. */
  public static boolean isToken(String name) {
    if (name == null || name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
