package dev.servicekit.logging.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads configuration keys with the servicekit precedence: system property ({@code servicekit.a.b})
 * &gt; environment variable ({@code SERVICEKIT_A_B}) &gt; default. A bad value never throws: one
 * message naming the key, the value and what was expected goes to stderr, and the default is used.
 */
final class ConfigReader {

  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+)(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final PrintStream problems;

  ConfigReader(Map<String, String> properties, Map<String, String> environment, PrintStream err) {
    this.properties = properties;
    this.environment = environment;
    this.problems = err;
  }

  static ConfigReader fromEnvironment() {
    return new ConfigReader(copy(System.getProperties()), System.getenv(), System.err);
  }

  static Map<String, String> copy(Properties properties) {
    Map<String, String> map = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return map;
  }

  /** {@code servicekit.log.queue.size} becomes {@code SERVICEKIT_LOG_QUEUE_SIZE}. */
  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  Map<String, String> properties() {
    return properties;
  }

  /** The trimmed value of a key from a system property or its environment variable, or null. */
  String raw(String key) {
    String v = properties.get(key);
    if (v == null || v.isBlank()) {
      v = environment.get(envName(key));
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The trimmed value of an environment variable by its exact name, or null. */
  String env(String name) {
    String v = environment.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  String string(String key, String defaultValue) {
    String v = raw(key);
    return v == null ? defaultValue : v;
  }

  int integer(String key, int defaultValue, int min, int max) {
    String v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    bad(key, v, "an integer from " + min + " to " + max, String.valueOf(defaultValue));
    return defaultValue;
  }

  boolean bool(String key, boolean defaultValue) {
    String v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return true;
      case "false":
      case "no":
      case "off":
      case "0":
        return false;
      default:
        bad(key, v, "true or false", String.valueOf(defaultValue));
        return defaultValue;
    }
  }

  /** One of {@code choices} (matched case-insensitively against the lower-case names). */
  <T> T choice(String key, T defaultValue, Map<String, T> choices) {
    String v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    T found = choices.get(v.toLowerCase(Locale.ROOT));
    if (found == null) {
      bad(
          key,
          v,
          "one of " + String.join(", ", new java.util.TreeSet<>(choices.keySet())),
          String.valueOf(defaultValue).toLowerCase(Locale.ROOT));
      return defaultValue;
    }
    return found;
  }

  Duration duration(String key, Duration defaultValue) {
    String v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    Duration d = parseDuration(v);
    if (d == null || d.isNegative() || d.isZero()) {
      bad(
          key,
          v,
          "a positive duration such as 500ms, 10s, 1m30s or PT10S",
          defaultValue.toString());
      return defaultValue;
    }
    return d;
  }

  static Duration parseDuration(String v) {
    if (v.startsWith("P") || v.startsWith("p")) {
      try {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = DURATION_PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "ms":
          total = total.plusMillis(n);
          break;
        case "s":
          total = total.plusSeconds(n);
          break;
        case "m":
          total = total.plusMinutes(n);
          break;
        default:
          total = total.plusHours(n);
          break;
      }
      end = m.end();
    }
    return end == v.length() && end > 0 ? total : null;
  }

  void bad(String key, String value, String expected, String defaultValue) {
    problems.println(
        "servicekit-logging: ignoring "
            + key
            + "="
            + value
            + ": expected "
            + expected
            + (defaultValue.isEmpty() ? "" : "; using the default " + defaultValue));
  }
}
