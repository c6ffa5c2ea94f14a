package dev.servicekit.correlation.internal;

import java.util.Locale;

/**
 * Reads servicekit settings: Java system property {@code servicekit.a.b} first, then environment
 * variable {@code SERVICEKIT_A_B}, then the default. Bad values fail with a message naming the key,
 * the value and what was expected.
 */
public final class Settings {

  private Settings() {}

  /** Returns the configured value of {@code key}, or {@code null} when neither source sets it. */
  public static String read(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      value = System.getenv(envName(key));
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * The environment variable that backs {@code key}: {@code servicekit.a-b.c -> SERVICEKIT_A_B_C}.
   */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Reads an enum setting by its lower-case name. */
  public static <E extends Enum<E>> E readEnum(String key, Class<E> type, E defaultValue) {
    String value = read(key);
    if (value == null) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.replace('-', '_'))) {
        return constant;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (expected.length() > 0) {
        expected.append(" | ");
      }
      expected.append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new IllegalArgumentException(
        key + " = '" + printable(value) + "' is not valid: expected " + expected);
  }

  /** Reads an HTTP header name setting (an RFC 9110 token of at most 64 characters). */
  public static String readHeaderName(String key, String defaultValue) {
    String value = read(key);
    if (value == null) {
      return defaultValue;
    }
    if (!isToken(value)) {
      throw new IllegalArgumentException(
          key
              + " = '"
              + printable(value)
              + "' is not valid: expected an HTTP header name (1 to 64 token characters)");
    }
    return value;
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

  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && i < 64; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (value.length() > 64) {
      out.append("...");
    }
    return out.toString();
  }
}
