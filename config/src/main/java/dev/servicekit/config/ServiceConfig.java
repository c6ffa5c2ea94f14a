package dev.servicekit.config;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Configuration with one precedence everywhere: explicit override (builder call) &gt; Java system
 * property ({@code servicekit.a.b}) &gt; environment variable ({@code SERVICEKIT_A_B}) &gt;
 * default. Values are trimmed; a blank value counts as unset.
 *
 * <p>Typed getters parse with the grammars of {@link Values} and fail fast with a {@link
 * ConfigException} naming the key, the bad value, where it came from and what was expected.
 * Immutable and thread-safe: system properties and the environment are copied when the instance is
 * created.
 *
 * <pre>{@code
 * ServiceConfig config = ServiceConfig.fromEnvironment();
 * Duration drain = config.getDuration("servicekit.shutdown.drain", Duration.ofSeconds(5));
 * }</pre>
 */
public final class ServiceConfig {

  private static final ServiceConfig EMPTY = new ServiceConfig(Map.of(), Map.of(), Map.of());

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

  /**
   * Reads the current system properties and environment (no overrides).
   *
   * @return a snapshot; later changes to system properties or the environment do not show in it
   */
  public static ServiceConfig fromEnvironment() {
    return of(Map.of(), System.getProperties(), System.getenv());
  }

  /**
   * A configuration in which nothing is set.
   *
   * @return the shared empty configuration
   */
  public static ServiceConfig empty() {
    return EMPTY;
  }

  /**
   * Creates a configuration from explicit sources; tests use this to avoid touching the real
   * environment.
   *
   * @param overrides values that win over everything else, as a builder gives them
   * @param systemProperties read as if they were the JVM's system properties; copied
   * @param environment read as if it were the process environment; copied
   * @return the configuration
   */
  public static ServiceConfig of(
      Map<String, String> overrides, Properties systemProperties, Map<String, String> environment) {
    Map<String, String> props = new HashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      props.put(name, systemProperties.getProperty(name));
    }
    return of(overrides, props, environment);
  }

  /**
   * Creates a configuration from explicit sources given as maps.
   *
   * @param overrides values that win over everything else; copied in their order
   * @param systemProperties system properties by name; copied
   * @param environment environment variables by name; copied
   * @return the configuration
   */
  public static ServiceConfig of(
      Map<String, String> overrides,
      Map<String, String> systemProperties,
      Map<String, String> environment) {
    return new ServiceConfig(
        Collections.unmodifiableMap(new LinkedHashMap<>(overrides)),
        Collections.unmodifiableMap(new HashMap<>(systemProperties)),
        Collections.unmodifiableMap(new HashMap<>(environment)));
  }

  /**
   * A copy in which {@code values} take precedence over system properties and environment.
   *
   * @param values keys and values to add as overrides
   * @return this instance when {@code values} is empty, else a new configuration; a key given here
   *     replaces an earlier override of the same key
   */
  public ServiceConfig withOverrides(Map<String, String> values) {
    if (values.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new LinkedHashMap<>(overrides);
    merged.putAll(values);
    return new ServiceConfig(Collections.unmodifiableMap(merged), systemProperties, environment);
  }

  /**
   * The overrides (builder values) of this configuration, in the order given.
   *
   * @return an unmodifiable map, empty when nothing was overridden
   */
  public Map<String, String> overrides() {
    return overrides;
  }

  /**
   * The environment variable name for a key: upper case, with dots and dashes as underscores
   * ({@code servicekit.management.port} becomes {@code SERVICEKIT_MANAGEMENT_PORT}).
   *
   * @param key a dotted key
   * @return the variable name, for example {@code SERVICEKIT_MANAGEMENT_PORT}
   */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Whether values of this key must never be printed.
   *
   * @param key a configuration key or variable name, in any case
   * @return true when the key names a token, password, secret, key or credential
   */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("token")
        || k.contains("password")
        || k.contains("secret")
        || k.endsWith("key")
        || k.contains("credential");
  }

  /**
   * The raw value of a key with the precedence above, or empty.
   *
   * @param key the dotted key; its environment variable is {@link #envName}
   * @return the trimmed value, or empty when the key is unset or blank everywhere
   */
  public Optional<String> get(String key) {
    return find(key).map(Setting::value);
  }

  /**
   * The value of a key with where it came from, or empty when the key is unset.
   *
   * @param key the dotted key; its environment variable is {@link #envName}
   * @return the value with its key and source, or empty
   */
  public Optional<Setting> find(String key) {
    Objects.requireNonNull(key, "key");
    String v = overrides.get(key);
    if (v != null && !v.isBlank()) {
      return Optional.of(new Setting(key, v.trim(), "builder"));
    }
    v = systemProperties.get(key);
    if (v != null && !v.isBlank()) {
      return Optional.of(new Setting(key, v.trim(), "system property " + key));
    }
    String env = envName(key);
    v = environment.get(env);
    if (v != null && !v.isBlank()) {
      return Optional.of(new Setting(key, v.trim(), "environment variable " + env));
    }
    return Optional.empty();
  }

  /**
   * Where the value of a key comes from ({@code builder}, {@code system property a.b}, {@code
   * environment variable A_B}), or empty when the key is unset.
   *
   * @param key the dotted key
   * @return the source as error messages name it
   */
  public Optional<String> sourceOf(String key) {
    return find(key).map(Setting::source);
  }

  /**
   * A raw environment variable by its exact name ({@code CONSUL_HTTP_ADDR}), or empty.
   *
   * @param name the variable name, exactly as spelled (no key translation)
   * @return the trimmed value, or empty when unset or blank
   */
  public Optional<String> env(String name) {
    return findEnv(name).map(Setting::value);
  }

  /**
   * A raw environment variable by its exact name, with its source, or empty.
   *
   * @param name the variable name, exactly as spelled
   * @return the value with the source {@code environment variable <name>}
   */
  public Optional<Setting> findEnv(String name) {
    String v = environment.get(name);
    return v == null || v.isBlank()
        ? Optional.empty()
        : Optional.of(new Setting(name, v.trim(), "environment variable " + name));
  }

  /**
   * The keys set as overrides or system properties that start with {@code prefix}, sorted (for
   * families such as {@code servicekit.log.level.<logger>}).
   *
   * @param prefix the key prefix, for example {@code servicekit.log.level.}
   * @return an unmodifiable, sorted list; keys set only in the environment are not listed
   */
  public List<String> keysStartingWith(String prefix) {
    TreeSet<String> keys = new TreeSet<>();
    for (String k : overrides.keySet()) {
      if (k.startsWith(prefix)) {
        keys.add(k);
      }
    }
    for (String k : systemProperties.keySet()) {
      if (k.startsWith(prefix)) {
        keys.add(k);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * The value of a key, or the default.
   *
   * @param key the dotted key
   * @param defaultValue returned when the key is unset; use {@link #get} to tell unset apart
   * @return the trimmed value, or {@code defaultValue} when the key is unset
   */
  public String getString(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /**
   * An integer value.
   *
   * @param key the dotted key
   * @param defaultValue returned when the key is unset
   * @return the value, or {@code defaultValue} when the key is unset
   * @throws ConfigException when the value is not an integer
   */
  public int getInt(String key, int defaultValue) {
    return getInt(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * An integer value within {@code [min, max]}.
   *
   * @param key the dotted key
   * @param defaultValue returned when the key is unset; not checked against the range
   * @param min the smallest value accepted
   * @param max the largest value accepted
   * @return the value, or {@code defaultValue} when the key is unset
   * @throws ConfigException when the value is not an integer in the range
   */
  public int getInt(String key, int defaultValue, int min, int max) {
    Optional<Setting> found = find(key);
    return found.isEmpty() ? defaultValue : toInt(found.get(), min, max);
  }

  /**
   * Parses an integer setting within {@code [min, max]}.
   *
   * @param s the setting to parse
   * @param min the smallest value accepted
   * @param max the largest value accepted
   * @return the parsed value
   * @throws ConfigException naming the setting when its value is not an integer in the range
   */
  public static int toInt(Setting s, int min, int max) {
    Optional<Integer> value = Values.parseInt(s.value());
    if (value.isEmpty() || value.get() < min || value.get() > max) {
      throw s.error(intExpected(min, max));
    }
    return value.get();
  }

  /**
   * What an integer within {@code [min, max]} looks like, in the words of an error message.
   *
   * @param min the smallest value accepted; {@link Integer#MIN_VALUE} for no bound
   * @param max the largest value accepted; {@link Integer#MAX_VALUE} for no bound
   * @return {@code an integer}, or {@code an integer from <min> to <max>}
   */
  public static String intExpected(int min, int max) {
    return min == Integer.MIN_VALUE && max == Integer.MAX_VALUE
        ? "an integer"
        : "an integer from " + min + " to " + max;
  }

  /**
   * A TCP port: an integer from 0 (any free port) to 65535.
   *
   * @param key the dotted key
   * @param defaultValue returned when the key is unset
   * @return the port, or {@code defaultValue} when the key is unset
   * @throws ConfigException when the value is not such an integer
   */
  public int getPort(String key, int defaultValue) {
    return getInt(key, defaultValue, 0, 65535);
  }

  /**
   * A boolean in the grammar of {@link Values#parseBoolean}.
   *
   * @param key the dotted key
   * @param defaultValue returned when the key is unset
   * @return the value, or {@code defaultValue} when the key is unset
   * @throws ConfigException when the value is not a boolean in that grammar
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    Optional<Setting> found = find(key);
    return found.isEmpty() ? defaultValue : toBoolean(found.get());
  }

  /**
   * Parses a boolean setting.
   *
   * @param s the setting to parse
   * @return the parsed value
   * @throws ConfigException naming the setting when its value is not a boolean
   */
  public static boolean toBoolean(Setting s) {
    return Values.parseBoolean(s.value()).orElseThrow(() -> s.error(Values.BOOLEAN));
  }

  /**
   * A non-negative duration in the grammar of {@link Values#parseDuration}.
   *
   * @param key the dotted key
   * @param defaultValue returned when the key is unset
   * @return the value, or {@code defaultValue} when the key is unset
   * @throws ConfigException when the value is not a duration in that grammar
   */
  public Duration getDuration(String key, Duration defaultValue) {
    Optional<Setting> found = find(key);
    return found.isEmpty() ? defaultValue : toDuration(found.get());
  }

  /**
   * Parses a duration setting.
   *
   * @param s the setting to parse
   * @return the parsed, non-negative duration
   * @throws ConfigException naming the setting when its value is not a duration
   */
  public static Duration toDuration(Setting s) {
    return Values.parseDuration(s.value()).orElseThrow(() -> s.error(Values.DURATION));
  }

  /**
   * An enum constant, matched case-insensitively with dashes read as underscores.
   *
   * @param key the dotted key
   * @param type the enum class
   * @param defaultValue returned when the key is unset
   * @param <E> the enum type
   * @return the constant, or {@code defaultValue} when the key is unset
   * @throws ConfigException listing the constants when the value names none of them
   */
  public <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) {
    Optional<Setting> found = find(key);
    return found.isEmpty() ? defaultValue : toEnum(found.get(), type);
  }

  /**
   * Parses an enum setting.
   *
   * @param s the setting to parse
   * @param type the enum class
   * @param <E> the enum type
   * @return the constant
   * @throws ConfigException naming the setting and the constants when its value names none
   */
  public static <E extends Enum<E>> E toEnum(Setting s, Class<E> type) {
    return Values.parseEnum(s.value(), type).orElseThrow(() -> s.error(Values.choices(type)));
  }

  /**
   * A comma-separated list, trimmed, without empty entries; empty when unset.
   *
   * @param key the dotted key
   * @return an unmodifiable list
   */
  public List<String> getList(String key) {
    return get(key).map(Values::splitList).orElse(List.of());
  }

  /**
   * A comma-separated list of {@code key=value} pairs, in order; empty when unset.
   *
   * @param key the dotted key
   * @return an unmodifiable map in the order given; a later duplicate key wins
   * @throws ConfigException when an entry has no {@code =} or an empty key
   */
  public Map<String, String> getMap(String key) {
    Optional<Setting> found = find(key);
    if (found.isEmpty()) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : Values.splitList(found.get().value())) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || entry.substring(0, eq).isBlank()) {
        throw found.get().error("comma-separated key=value pairs");
      }
      result.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * Parses a boolean the way {@link #getBoolean} does.
   *
   * @param raw the text to parse
   * @return the value, or empty when {@code raw} is not a boolean
   */
  public static Optional<Boolean> parseBoolean(String raw) {
    return Values.parseBoolean(raw);
  }

  /**
   * Parses a duration the way {@link #getDuration} does.
   *
   * @param raw the text to parse
   * @return the value, or empty when {@code raw} is not a duration
   */
  public static Optional<Duration> parseDuration(String raw) {
    return Values.parseDuration(raw);
  }

  @Override
  public String toString() {
    return "ServiceConfig[overrides=" + overrides.keySet() + "]";
  }
}
