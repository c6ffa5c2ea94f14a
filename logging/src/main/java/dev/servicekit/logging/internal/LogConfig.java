package dev.servicekit.logging.internal;

import dev.servicekit.logging.LogProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
  final String serviceName;
  final String serviceVersion;
  final String environment;

  /**
   * The service instance id ({@code service.node.name} in ECS), or null: written only when set.
   * Read from {@code servicekit.service.instance-id} as core reads it.
   */
  final String serviceInstanceId;

  final String dataset;
  final String gcpProject;
  final boolean routeJul;
  final boolean routeSystemLogger;
  final boolean routeCommonsLogging;
  final boolean routeUncaught;

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
      r.bad("servicekit.log.output", "file", "servicekit.log.file to name the file", "stdout");
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
    Map<String, String> resource = resourceAttributes(r.env("OTEL_RESOURCE_ATTRIBUTES"));
    serviceName =
        firstOf(
            r.raw("servicekit.service.name"),
            r.env("SERVICE_NAME"),
            r.env("OTEL_SERVICE_NAME"),
            resource.get("service.name"));
    serviceVersion = firstOf(r.raw("servicekit.service.version"), resource.get("service.version"));
    environment =
        firstOf(
            r.raw("servicekit.service.environment"),
            resource.get("deployment.environment.name"),
            resource.get("deployment.environment"));
    serviceInstanceId = firstOf(r.raw("servicekit.service.instance-id"));
    dataset =
        dataset(
            firstOf(
                r.raw("servicekit.log.dataset"),
                serviceName == null ? null : serviceName + ".log"));
    gcpProject = firstOf(r.raw("servicekit.log.gcp.project"), r.env("GOOGLE_CLOUD_PROJECT"));
    routeJul = r.bool("servicekit.log.jul", true);
    routeSystemLogger = r.bool("servicekit.log.system-logger", true);
    routeCommonsLogging = r.bool("servicekit.log.commons-logging", true);
    routeUncaught = r.bool("servicekit.log.uncaught", true);
  }

  /** Reads the current system properties and environment. */
  public static LogConfig fromEnvironment() {
    return new LogConfig(ConfigReader.fromEnvironment());
  }

  /**
   * Reads the given maps instead of the real system properties and environment (tests, benchmarks).
   */
  public static LogConfig of(Map<String, String> properties, Map<String, String> environment) {
    return new LogConfig(new ConfigReader(properties, environment, System.err));
  }

  /** The threshold table this configuration starts with. */
  LevelTable levels() {
    return levels;
  }

  private static LevelTable readLevels(ConfigReader r) {
    int root = LevelTable.parse("info");
    String rootText = r.raw("servicekit.log.level");
    if (rootText == null) {
      rootText = r.env("LOG_LEVEL");
    }
    if (rootText != null) {
      int t = LevelTable.parse(rootText);
      if (t < 0) {
        r.bad("servicekit.log.level", rootText, "trace, debug, info, warn, error or off", "info");
      } else {
        root = t;
      }
    }
    Map<String, Integer> prefixes = new HashMap<>();
    String list = r.raw("servicekit.log.levels");
    if (list != null) {
      for (String item : list.split(",")) {
        if (item.isBlank()) {
          continue;
        }
        int eq = item.indexOf('=');
        int t = eq < 0 ? -1 : LevelTable.parse(item.substring(eq + 1));
        if (t < 0 || eq == 0) {
          r.bad("servicekit.log.levels", item.trim(), "logger.prefix=level", "");
        } else {
          prefixes.put(item.substring(0, eq).trim(), t);
        }
      }
    }
    String prefix = "servicekit.log.level.";
    for (Map.Entry<String, String> e : r.properties().entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()) {
        int t = LevelTable.parse(Objects.toString(e.getValue(), ""));
        if (t < 0) {
          r.bad(e.getKey(), e.getValue(), "trace, debug, info, warn, error or off", "");
        } else {
          prefixes.put(e.getKey().substring(prefix.length()), t);
        }
      }
    }
    return new LevelTable(root, prefixes);
  }

  /** Parses OpenTelemetry's {@code key=value,key=value} resource attributes. */
  static Map<String, String> resourceAttributes(String text) {
    Map<String, String> map = new HashMap<>();
    if (text == null) {
      return map;
    }
    for (String item : text.split(",")) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        String value = item.substring(eq + 1).trim();
        try {
          value = java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          // keep the raw value
        }
        if (!value.isEmpty()) {
          map.put(item.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
        }
      }
    }
    return map;
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
