package dev.servicekit.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration with one precedence everywhere: explicit override (builder call) &gt; Java system
 * property ({@code servicekit.a.b}) &gt; environment variable ({@code SERVICEKIT_A_B}) &gt;
 * default.
 *
 * <p>Typed getters fail fast with a {@link ConfigException} naming the key, the bad value and what
 * was expected. Immutable and thread-safe: system properties and the environment are copied when
 * the instance is created.
 *
 * <pre>{@code
 * ServiceConfig config = ServiceConfig.fromEnvironment();
 * Duration drain = config.getDuration("servicekit.shutdown.drain", Duration.ofSeconds(5));
 * }</pre>
 */
public final class ServiceConfig {

  private static final Pattern GO_DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|\u03bcs|ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> overrides;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;

  private ServiceConfig(
      Map<String, String> overrides,
      Map<String, String> systemProperties,
      Map<String, String> environment) {
    this.overrides = overrides;
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** Reads the current system properties and environment. */
  public static ServiceConfig fromEnvironment() {
    return of(Map.of(), System.getProperties(), System.getenv());
  }

  /**
   * Creates a configuration from explicit sources; tests use this to avoid touching the real
   * environment.
   */
  public static ServiceConfig of(
      Map<String, String> overrides, Properties systemProperties, Map<String, String> environment) {
    Map<String, String> props = new HashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      props.put(name, systemProperties.getProperty(name));
    }
    return new ServiceConfig(
        Collections.unmodifiableMap(new LinkedHashMap<>(overrides)),
        Collections.unmodifiableMap(props),
        Collections.unmodifiableMap(new HashMap<>(environment)));
  }

  /** A copy in which {@code values} take precedence over system properties and environment. */
  public ServiceConfig withOverrides(Map<String, String> values) {
    Map<String, String> merged = new LinkedHashMap<>(overrides);
    merged.putAll(values);
    return new ServiceConfig(Collections.unmodifiableMap(merged), systemProperties, environment);
  }

  /**
   * The environment variable name for a key: upper case, with dots and dashes as underscores
   * ({@code servicekit.management.port} becomes {@code SERVICEKIT_MANAGEMENT_PORT}).
   */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Whether values of this key must never be printed. */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("token")
        || k.contains("password")
        || k.contains("secret")
        || k.endsWith("key")
        || k.contains("credential");
  }

  /** The raw value of a key with the precedence above, or empty. Blank values count as unset. */
  public Optional<String> get(String key) {
    return lookup(key).map(Found::value);
  }

  /**
   * Where the value of a key comes from ({@code builder}, {@code system property a.b}, {@code
   * environment variable A_B}), or empty when the key is unset.
   */
  public Optional<String> sourceOf(String key) {
    return lookup(key).map(Found::source);
  }

  /** A raw environment variable by its exact name ({@code CONSUL_HTTP_ADDR}), or empty. */
  public Optional<String> env(String name) {
    String v = environment.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** The value of a key, or the default. */
  public String getString(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /** An integer value. */
  public int getInt(String key, int defaultValue) {
    return getInt(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** An integer value within {@code [min, max]}. */
  public int getInt(String key, int defaultValue, int min, int max) {
    Optional<Found> found = lookup(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    Found f = found.get();
    String expected =
        min == Integer.MIN_VALUE && max == Integer.MAX_VALUE
            ? "an integer"
            : "an integer from " + min + " to " + max;
    try {
      int value = Integer.parseInt(f.value());
      if (value < min || value > max) {
        throw f.error(key, expected);
      }
      return value;
    } catch (NumberFormatException e) {
      throw f.error(key, expected);
    }
  }

  /** A TCP port: an integer from 0 (any free port) to 65535. */
  public int getPort(String key, int defaultValue) {
    return getInt(key, defaultValue, 0, 65535);
  }

  /**
   * A boolean: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0} or {@code t/f}, in
   * any case.
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    Optional<Found> found = lookup(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    Optional<Boolean> parsed = parseBoolean(found.get().value());
    if (parsed.isEmpty()) {
      throw found.get().error(key, "a boolean (true or false)");
    }
    return parsed.get();
  }

  /**
   * A duration, either Go/Consul style ({@code 500ms}, {@code 10s}, {@code 1m30s}, {@code 2h}) or
   * ISO-8601 ({@code PT10S}). Negative durations are rejected.
   */
  public Duration getDuration(String key, Duration defaultValue) {
    Optional<Found> found = lookup(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    Optional<Duration> parsed = parseDuration(found.get().value());
    if (parsed.isEmpty()) {
      throw found.get().error(key, "a non-negative duration such as 500ms, 10s, 1m30s or PT10S");
    }
    return parsed.get();
  }

  /** An enum constant, matched case-insensitively with dashes read as underscores. */
  public <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) {
    Optional<Found> found = lookup(key);
    if (found.isEmpty()) {
      return defaultValue;
    }
    String wanted = found.get().value().trim().replace('-', '_');
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
      names.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw found.get().error(key, "one of " + String.join(", ", names));
  }

  /** A comma-separated list, trimmed, without empty entries; empty when unset. */
  public List<String> getList(String key) {
    return get(key).map(ServiceConfig::splitList).orElse(List.of());
  }

  /**
   * A comma-separated list of {@code key=value} pairs, in order; empty when unset.
   *
   * @throws ConfigException when an entry has no {@code =} or an empty key
   */
  public Map<String, String> getMap(String key) {
    Optional<Found> found = lookup(key);
    if (found.isEmpty()) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : splitList(found.get().value())) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw found.get().error(key, "comma-separated key=value pairs");
      }
      result.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return Collections.unmodifiableMap(result);
  }

  static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** Parses a boolean the way {@link #getBoolean} does. */
  public static Optional<Boolean> parseBoolean(String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1":
        return Optional.of(Boolean.TRUE);
      case "false", "f", "no", "n", "off", "0":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }

  /** Parses a duration the way {@link #getDuration} does. */
  public static Optional<Duration> parseDuration(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    if (s.regionMatches(true, 0, "PT", 0, 2) || s.regionMatches(true, 0, "P", 0, 1)) {
      try {
        Duration d = Duration.parse(s);
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher m = GO_DURATION.matcher(s);
    int pos = 0;
    double nanos = 0;
    while (m.find() && m.start() == pos) {
      double amount = Double.parseDouble(m.group(1));
      nanos += amount * unitNanos(m.group(2).toLowerCase(Locale.ROOT));
      pos = m.end();
    }
    if (pos != s.length() || pos == 0 || nanos > Long.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos((long) nanos));
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs", "\u03bcs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      default -> 86400e9; // "d"
    };
  }

  private Optional<Found> lookup(String key) {
    Objects.requireNonNull(key, "key");
    String v = overrides.get(key);
    if (v != null && !v.isBlank()) {
      return Optional.of(new Found(v.trim(), "builder"));
    }
    v = systemProperties.get(key);
    if (v != null && !v.isBlank()) {
      return Optional.of(new Found(v.trim(), "system property " + key));
    }
    String env = envName(key);
    v = environment.get(env);
    if (v != null && !v.isBlank()) {
      return Optional.of(new Found(v.trim(), "environment variable " + env));
    }
    return Optional.empty();
  }

  private record Found(String value, String source) {
    ConfigException error(String key, String expected) {
      return new ConfigException(key, value, source, expected);
    }
  }
}
