package dev.servicekit.logging.internal;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Setting;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads logging's settings through servicekit-config, with its precedence (a started runtime's
 * builder values, system property, environment variable, default) and its grammars. A bad value
 * never throws: servicekit-config's message naming the key, the value, its source and what was
 * expected goes to stderr once, and the default is used.
 */
final class ConfigReader {

  private static final Set<String> REPORTED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final ServiceConfig config;
  private final PrintStream problems;
  private final Set<String> reported;

  ConfigReader(Map<String, String> properties, Map<String, String> environment, PrintStream err) {
    this(ServiceConfig.of(Map.of(), properties, environment), err, ConcurrentHashMap.newKeySet());
  }

  ConfigReader(ServiceConfig config, PrintStream err, Set<String> reported) {
    this.config = config;
    this.problems = err;
    this.reported = reported;
  }

  /** The process configuration; each distinct problem is reported once per JVM. */
  static ConfigReader fromEnvironment() {
    return new ConfigReader(ProcessConfig.current(), System.err, REPORTED_IN_THIS_JVM);
  }

  ServiceConfig config() {
    return config;
  }

  /** The trimmed value of a key, or null. */
  String raw(String key) {
    return config.get(key).orElse(null);
  }

  /** The trimmed value of an environment variable by its exact name, or null. */
  String env(String name) {
    return config.env(name).orElse(null);
  }

  /** The keys of a family such as {@code servicekit.log.level.<logger>}. */
  List<String> keysStartingWith(String prefix) {
    return config.keysStartingWith(prefix);
  }

  String string(String key, String defaultValue) {
    String v = raw(key);
    return v == null ? defaultValue : v;
  }

  int integer(String key, int defaultValue, int min, int max) {
    Optional<Setting> found = config.find(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    try {
      return ServiceConfig.toInt(found.get(), min, max);
    } catch (ConfigException e) {
      report(e, String.valueOf(defaultValue));
      return defaultValue;
    }
  }

  boolean bool(String key, boolean defaultValue) {
    Optional<Setting> found = config.find(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    try {
      return ServiceConfig.toBoolean(found.get());
    } catch (ConfigException e) {
      report(e, String.valueOf(defaultValue));
      return defaultValue;
    }
  }

  /** One of {@code choices} (matched case-insensitively against the lower-case names). */
  <T> T choice(String key, T defaultValue, Map<String, T> choices) {
    Optional<Setting> found = config.find(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    T value = choices.get(found.get().value().toLowerCase(Locale.ROOT));
    if (value == null) {
      report(
          found.get().error("one of " + String.join(", ", new TreeSet<>(choices.keySet()))),
          String.valueOf(defaultValue).toLowerCase(Locale.ROOT));
      return defaultValue;
    }
    return value;
  }

  /** A positive duration in servicekit's one duration grammar. */
  Duration duration(String key, Duration defaultValue) {
    Optional<Setting> found = config.find(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    try {
      Duration d = ServiceConfig.toDuration(found.get());
      if (!d.isZero()) {
        return d;
      }
      report(
          found.get().error("a positive duration such as 500ms, 1.5s or PT10S"), str(defaultValue));
    } catch (ConfigException e) {
      report(e, str(defaultValue));
    }
    return defaultValue;
  }

  private static String str(Duration d) {
    return d.toString();
  }

  /** Reports a value of {@code key} that cannot be used; {@code defaultValue} may be empty. */
  void bad(Setting setting, String expected, String defaultValue) {
    report(setting.error(expected), defaultValue);
  }

  /** Reports a problem once: {@code servicekit-logging: <message>; using the default <d>}. */
  void report(ConfigException e, String defaultValue) {
    String line =
        "servicekit-logging: "
            + e.getMessage()
            + (defaultValue.isEmpty() ? "" : "; using the default " + defaultValue);
    if (reported.add(line)) {
      problems.println(line);
    }
  }
}
