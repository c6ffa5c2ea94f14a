package dev.servicekit.logging.internal;

import dev.servicekit.config.IdentityChain;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceIdentity;
import dev.servicekit.config.Setting;
import dev.servicekit.logging.LogProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of servicekit-logging, read once when the provider starts. Bad values never throw:
 * each is reported on stderr and replaced by its default.
 */
public final class LogConfig {

  /** Where lines go. */
  enum Output {
    STDOUT,
    STDERR,
    FILE
  }

  static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024;
  private static final String LEVELS = "trace, debug, info, warn, error or off";
  static final int MIN_MAX_LINE_BYTES = 2048;

  final LogProfile profile;
  final Output output;
  final Path file;
  final int queueSize;
  final boolean dropWhenFull;
  final int maxLineBytes;
  final int maxFrames;
  final int maxCauses;
  final int maxStackTraceBytes;
  final boolean rootCauseFirst;
  final Duration dropReportInterval;
  final Duration shutdownTimeout;
  final LevelTable levels;
  final String gcpProject;
  final boolean routeJul;
  final boolean routeSystemLogger;
  final boolean routeCommonsLogging;
  final boolean routeUncaught;
  private final LogIdentity configured;
  private volatile LogIdentity identity;

  private LogConfig(ConfigReader r) {
    Map<String, LogProfile> profiles = new HashMap<>();
    LogProfile.all().forEach(p -> profiles.put(p.id(), p));
    profile = r.choice("servicekit.log.profile", LogProfile.ECS, profiles);
    Output out =
        r.choice(
            "servicekit.log.output",
            Output.STDOUT,
            Map.of("stdout", Output.STDOUT, "stderr", Output.STDERR, "file", Output.FILE));
    String fileName = r.raw("servicekit.log.file");
    if (out == Output.FILE && fileName == null) {
      r.bad(
          r.config().find("servicekit.log.output").orElseThrow(),
          "servicekit.log.file to name the file",
          "stdout");
      out = Output.STDOUT;
    }
    output = out;
    file = fileName == null ? null : Path.of(fileName);
    queueSize = r.integer("servicekit.log.queue.size", 8192, 16, 1 << 24);
    dropWhenFull =
        r.choice(
            "servicekit.log.queue.policy",
            Boolean.FALSE,
            Map.of("block", Boolean.FALSE, "drop", Boolean.TRUE));
    maxLineBytes =
        r.integer(
            "servicekit.log.max-line-bytes",
            DEFAULT_MAX_LINE_BYTES,
            MIN_MAX_LINE_BYTES,
            64 * 1024 * 1024);
    maxFrames = r.integer("servicekit.log.stacktrace.max-frames", 100, 1, 100_000);
    maxCauses = r.integer("servicekit.log.stacktrace.max-causes", 10, 0, 1000);
    maxStackTraceBytes =
        r.integer("servicekit.log.stacktrace.max-bytes", 8192, 256, Integer.MAX_VALUE);
    rootCauseFirst = r.bool("servicekit.log.stacktrace.root-cause-first", false);
    dropReportInterval = r.duration("servicekit.log.drop-report-interval", Duration.ofSeconds(10));
    shutdownTimeout = r.duration("servicekit.log.shutdown-timeout", Duration.ofSeconds(10));
    levels = readLevels(r);
    ServiceIdentity id = IdentityChain.resolve(r.config(), problem -> r.report(problem, ""));
    configured = new LogIdentity(id, r.raw(LogIdentity.DATASET_KEY), -1);
    identity = configured;
    gcpProject = firstOf(r.raw("servicekit.log.gcp.project"), r.env("GOOGLE_CLOUD_PROJECT"));
    routeJul = r.bool("servicekit.log.jul", true);
    routeSystemLogger = r.bool("servicekit.log.system-logger", true);
    routeCommonsLogging = r.bool("servicekit.log.commons-logging", true);
    routeUncaught = r.bool("servicekit.log.uncaught", true);
  }

  /**
   * Reads the process configuration: a started runtime's builder settings, system properties and
   * the environment.
   */
  public static LogConfig fromEnvironment() {
    return new LogConfig(ConfigReader.fromEnvironment());
  }

  /**
   * Reads the given maps instead of the real system properties and environment (tests, benchmarks).
   */
  public static LogConfig of(Map<String, String> properties, Map<String, String> environment) {
    return new LogConfig(new ConfigReader(properties, environment, System.err));
  }

  /** The identity this configuration read from properties and the environment. */
  LogIdentity configured() {
    return configured;
  }

  /**
   * The identity log lines carry now: once a runtime has started, the identity it published
   * (builder values included); before that, and after it closed, what this configuration read.
   * Costs one volatile read per call while nothing changed; returns the same instance until the
   * process configuration changes, so an encoder can compare by identity and re-encode rarely.
   */
  public LogIdentity identity() {
    LogIdentity current = identity;
    int version = ProcessConfig.version();
    if (current.stamp == version) {
      return current;
    }
    LogIdentity fresh =
        ProcessConfig.layer()
            .map(layer -> LogIdentity.published(layer, version))
            .orElseGet(() -> configured.withStamp(version));
    identity = fresh;
    return fresh;
  }

  /** Reads the settings through {@code reader} (tests give it their own problem stream). */
  static LogConfig read(ConfigReader reader) {
    return new LogConfig(reader);
  }

  /** The threshold table this configuration starts with. */
  LevelTable levels() {
    return levels;
  }

  private static LevelTable readLevels(ConfigReader r) {
    int root = LevelTable.parse("info");
    Optional<Setting> rootSetting =
        r.config().find("servicekit.log.level").or(() -> r.config().findEnv("LOG_LEVEL"));
    if (rootSetting.isPresent()) {
      int t = LevelTable.parse(rootSetting.get().value());
      if (t < 0) {
        r.bad(rootSetting.get(), LEVELS, "info");
      } else {
        root = t;
      }
    }
    Map<String, Integer> prefixes = new HashMap<>();
    Optional<Setting> listSetting = r.config().find("servicekit.log.levels");
    if (listSetting.isPresent()) {
      for (String item : listSetting.get().value().split(",")) {
        if (item.isBlank()) {
          continue;
        }
        int eq = item.indexOf('=');
        int t = eq < 0 ? -1 : LevelTable.parse(item.substring(eq + 1));
        if (t < 0 || eq == 0) {
          r.bad(
              new Setting("servicekit.log.levels", item.trim(), listSetting.get().source()),
              "logger.prefix=level",
              "");
        } else {
          prefixes.put(item.substring(0, eq).trim(), t);
        }
      }
    }
    String prefix = "servicekit.log.level.";
    for (String key : r.keysStartingWith(prefix)) {
      if (key.length() > prefix.length()) {
        String value = r.raw(key);
        int t = value == null ? -1 : LevelTable.parse(value);
        if (t < 0) {
          if (value != null) {
            r.bad(r.config().find(key).orElseThrow(), LEVELS, "");
          }
        } else {
          prefixes.put(key.substring(prefix.length()), t);
        }
      }
    }
    return new LevelTable(root, prefixes);
  }

  /**
   * The data set as the ecs-logging spec sanitises {@code event.dataset}: lower case, at most 100
   * characters, each of {@code \ / * ? " < > | space , # : -} replaced by {@code _}.
   */
  static String dataset(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(Math.min(100, value.length()));
    for (int i = 0; i < value.length() && sb.length() < 100; i++) {
      char c = value.charAt(i);
      sb.append("\\/*?\"<>| ,#:-".indexOf(c) >= 0 ? '_' : Character.toLowerCase(c));
    }
    return sb.toString();
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }
}
