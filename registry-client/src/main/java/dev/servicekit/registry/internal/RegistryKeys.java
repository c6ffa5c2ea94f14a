package dev.servicekit.registry.internal;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the registry client's keys: {@code servicekit.registry.<key>} with the runtime's precedence
 * (builder, system property, {@code SERVICEKIT_REGISTRY_*}), then, where one exists, Consul's own
 * variable as the {@code consul} CLI reads it. Every bad value fails with the key that gave it.
 */
final class RegistryKeys {

  static final String PREFIX = "servicekit.registry.";

  private final ServiceConfig config;

  RegistryKeys(ServiceConfig config) {
    this.config = config;
  }

  /** servicekit's own key first, then Consul's variable, each with where it came from. */
  Optional<Setting> find(String key, String consulEnv) {
    return config.find(PREFIX + key).or(() -> config.findEnv(consulEnv));
  }

  /** servicekit's own key only. */
  Optional<Setting> find(String key) {
    return config.find(PREFIX + key);
  }

  Optional<String> value(String key, String consulEnv) {
    return find(key, consulEnv).map(Setting::value);
  }

  boolean bool(String key, String consulEnv, boolean dflt) {
    Optional<Setting> found = find(key, consulEnv);
    return found.isEmpty() ? dflt : ServiceConfig.toBoolean(found.get());
  }

  boolean bool(String key, boolean dflt) {
    return config.getBoolean(PREFIX + key, dflt);
  }

  /** A file that must be readable when configured. */
  Optional<Path> pemFile(String key, String consulEnv) {
    Optional<Setting> found = find(key, consulEnv);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(found.get().value());
    if (!Files.isReadable(p)) {
      throw found.get().error("a readable PEM file");
    }
    return Optional.of(p);
  }

  /** A duration that, when configured, is not zero. */
  Duration positive(String key, Duration dflt) {
    Optional<Setting> found = find(key);
    if (found.isEmpty()) {
      return dflt;
    }
    Duration d = ServiceConfig.toDuration(found.get());
    if (d.isZero()) {
      throw found.get().error("a positive duration such as 500ms or 10s");
    }
    return d;
  }

  Duration duration(String key, Duration dflt) {
    return config.getDuration(PREFIX + key, dflt);
  }

  String string(String key, String dflt) {
    return config.getString(PREFIX + key, dflt);
  }

  <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) {
    return config.getEnum(PREFIX + key, type, dflt);
  }

  java.util.List<String> list(String key) {
    return config.getList(PREFIX + key);
  }
}
