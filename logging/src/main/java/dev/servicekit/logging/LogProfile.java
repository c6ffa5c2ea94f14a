package dev.servicekit.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one output format looks like: which fields a line has, in which order, under which names,
 * with which constants, level names, trace-id and timestamp format. The encoder of
 * servicekit-logging writes exactly what the description says, and a log reader (such as the {@code
 * log-query} example) reads lines through the same descriptions, so adding a format is one new
 * description.
 *
 * <p>Immutable and thread-safe. A line always starts with the timestamp; fields whose value is
 * absent (no trace, no exception, no service version) are left out, never written as {@code null}.
 * MDC entries and key-value pairs are written at {@link LogField#USER_FIELDS}.
 *
 * <pre>{@code
 * LogProfile ecs = LogProfile.named("ecs").orElseThrow();
 * String levelKey = ecs.name(LogField.LEVEL).orElseThrow();    // "log.level"
 * }</pre>
 */
public final class LogProfile {

  /** A field the encoder knows how to fill. */
  public enum LogField {
    /** When the event happened, in the profile's {@link TimestampFormat}. */
    TIMESTAMP,
    /** The level's name, from {@link #levelName(int)}. */
    LEVEL,
    /** The level as a number ({@link #levelValue(int)}). */
    LEVEL_VALUE,
    /** The formatted message. */
    MESSAGE,
    /** The version of the format itself (a constant: {@code ecs.version}, {@code @version}). */
    FORMAT_VERSION,
    /** The logger's name. */
    LOGGER,
    /** The calling thread's name. */
    THREAD,
    /** The service name. */
    SERVICE_NAME,
    /** The service version. */
    SERVICE_VERSION,
    /** The deployment environment. */
    SERVICE_ENVIRONMENT,
    /** The service instance id. */
    SERVICE_INSTANCE,
    /** The data set (ECS {@code event.dataset}). */
    DATASET,
    /**
     * An object holding the fields of {@link #labelFields()} (Cloud Logging's {@code
     * logging.googleapis.com/labels}).
     */
    LABELS,
    /** The trace id, in the profile's {@link TraceFormat}. */
    TRACE_ID,
    /** The span id. */
    SPAN_ID,
    /** Whether the trace was sampled (a boolean; only with a trace id). */
    TRACE_SAMPLED,
    /** The exception's class name. */
    ERROR_TYPE,
    /** The exception's message. */
    ERROR_MESSAGE,
    /** The exception's stack trace. */
    STACK_TRACE,
    /** A constant that marks a line with an exception as an error report (only with one). */
    ERROR_REPORT_TYPE,
    /** An object {@code {"service":..., "version":...}} (only with an exception). */
    ERROR_SERVICE_CONTEXT,
    /** Marker names as an array. */
    TAGS,
    /** {@code true} when the line was cut to fit the maximum line size. */
    TRUNCATED,
    /** Where MDC entries and key-value pairs go, each as its own top-level field. */
    USER_FIELDS
  }

  /** How the timestamp is written (every built-in profile uses the same form today). */
  public enum TimestampFormat {
    /** An ISO-8601 string in UTC with milliseconds: {@code "2026-11-23T14:16:24.123Z"}. */
    ISO_8601_UTC_MILLIS
  }

  /** How the trace id is written. */
  public enum TraceFormat {
    /** The 32 hex digits as they are. */
    HEX,
    /**
     * Cloud Logging's resource name {@code projects/<project>/traces/<id>} when a project is known,
     * else the bare id.
     */
    CLOUD_TRACE_RESOURCE;

    /**
     * The id as this format writes it, for {@code project} (null or blank when unknown).
     *
     * @param traceId the 32 hex digits of the trace id
     * @param project the Google Cloud project id, or null
     * @return the trace id as written, for example {@code projects/p1/traces/4bf92f35...}
     */
    public String format(String traceId, @Nullable String project) {
      return this == CLOUD_TRACE_RESOURCE && project != null && !project.isBlank()
          ? "projects/" + project + "/traces/" + traceId
          : traceId;
    }

    /**
     * The bare trace id of a value this format wrote (or of a bare id).
     *
     * @param value a trace id as a line carries it
     * @return the 32 hex digits
     */
    public String parse(String value) {
      int at = value.lastIndexOf("/traces/");
      return this == CLOUD_TRACE_RESOURCE && at >= 0
          ? value.substring(at + "/traces/".length())
          : value;
    }
  }

  private static final String ERROR_EVENT =
      "type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent";

  /**
   * Elastic Common Schema as the ecs-logging spec says: {@code @timestamp}, {@code log.level},
   * {@code message} first, {@code ecs.version} on every line. The default.
   */
  public static final LogProfile ECS =
      builder("ecs")
          .field(LogField.TIMESTAMP, "@timestamp")
          .field(LogField.LEVEL, "log.level")
          .field(LogField.MESSAGE, "message")
          .constant(LogField.FORMAT_VERSION, "ecs.version", "8.11.0")
          .field(LogField.SERVICE_NAME, "service.name")
          .field(LogField.SERVICE_VERSION, "service.version")
          .field(LogField.SERVICE_ENVIRONMENT, "service.environment")
          .field(LogField.SERVICE_INSTANCE, "service.node.name")
          .field(LogField.DATASET, "event.dataset")
          .field(LogField.THREAD, "process.thread.name")
          .field(LogField.LOGGER, "log.logger")
          .field(LogField.TRACE_ID, "trace.id")
          .field(LogField.SPAN_ID, "span.id")
          .field(LogField.ERROR_TYPE, "error.type")
          .field(LogField.ERROR_MESSAGE, "error.message")
          .field(LogField.STACK_TRACE, "error.stack_trace")
          .field(LogField.TAGS, "tags")
          .field(LogField.TRUNCATED, "log.truncated")
          .field(LogField.USER_FIELDS, "")
          .levels("TRACE", "DEBUG", "INFO", "WARN", "ERROR")
          .build();

  /**
   * logstash-logback-encoder's default {@code LogstashEncoder} output: its field names and order;
   * the service identity where Logback's context properties go, trace ids where its MDC goes.
   */
  public static final LogProfile LOGSTASH =
      builder("logstash")
          .field(LogField.TIMESTAMP, "@timestamp")
          .constant(LogField.FORMAT_VERSION, "@version", "1")
          .field(LogField.MESSAGE, "message")
          .field(LogField.LOGGER, "logger_name")
          .field(LogField.THREAD, "thread_name")
          .field(LogField.LEVEL, "level")
          .field(LogField.LEVEL_VALUE, "level_value")
          .field(LogField.STACK_TRACE, "stack_trace")
          .field(LogField.SERVICE_NAME, "service_name")
          .field(LogField.SERVICE_VERSION, "service_version")
          .field(LogField.SERVICE_ENVIRONMENT, "service_environment")
          .field(LogField.SERVICE_INSTANCE, "service_node_name")
          .field(LogField.TRACE_ID, "trace_id")
          .field(LogField.SPAN_ID, "span_id")
          .field(LogField.USER_FIELDS, "")
          .field(LogField.TAGS, "tags")
          .field(LogField.TRUNCATED, "truncated")
          .levels("TRACE", "DEBUG", "INFO", "WARN", "ERROR")
          .levelValues(5000, 10000, 20000, 30000, 40000)
          .build();

  /**
   * Google Cloud Logging's structured payload: {@code severity}, {@code time}, the special {@code
   * logging.googleapis.com/*} fields, and Error Reporting's {@code ReportedErrorEvent} form for
   * lines with an exception.
   */
  public static final LogProfile GCP =
      builder("gcp")
          .field(LogField.TIMESTAMP, "time")
          .field(LogField.LEVEL, "severity")
          .field(LogField.MESSAGE, "message")
          .field(LogField.TRACE_ID, "logging.googleapis.com/trace")
          .field(LogField.SPAN_ID, "logging.googleapis.com/spanId")
          .field(LogField.TRACE_SAMPLED, "logging.googleapis.com/trace_sampled")
          .field(LogField.LABELS, "logging.googleapis.com/labels")
          .label(LogField.SERVICE_NAME, "service.name")
          .label(LogField.SERVICE_VERSION, "service.version")
          .label(LogField.SERVICE_ENVIRONMENT, "service.environment")
          .label(LogField.SERVICE_INSTANCE, "service.instance.id")
          .field(LogField.LOGGER, "logger")
          .field(LogField.THREAD, "thread")
          .constant(LogField.ERROR_REPORT_TYPE, "@type", ERROR_EVENT)
          .field(LogField.ERROR_SERVICE_CONTEXT, "serviceContext")
          .field(LogField.ERROR_TYPE, "error.type")
          .field(LogField.ERROR_MESSAGE, "error.message")
          .field(LogField.STACK_TRACE, "stack_trace")
          .field(LogField.TAGS, "tags")
          .field(LogField.TRUNCATED, "truncated")
          .field(LogField.USER_FIELDS, "")
          .levels("DEBUG", "DEBUG", "INFO", "WARNING", "ERROR")
          .traceFormat(TraceFormat.CLOUD_TRACE_RESOURCE)
          .build();

  private static final List<LogProfile> ALL = List.of(ECS, LOGSTASH, GCP);

  private final String id;
  private final List<LogField> order;
  private final List<LogField> labelFields;
  private final Map<LogField, String> names;
  private final Map<LogField, String> constants;
  private final List<String> levelNames;
  private final int[] levelValues;
  private final TimestampFormat timestampFormat;
  private final TraceFormat traceFormat;
  private final Set<String> reserved;

  private LogProfile(Builder b) {
    this.id = b.id;
    this.order = List.copyOf(b.order);
    this.labelFields = List.copyOf(b.labels);
    this.names = Collections.unmodifiableMap(new EnumMap<>(b.names));
    this.constants = Collections.unmodifiableMap(new EnumMap<>(b.constants));
    this.levelNames = List.copyOf(b.levelNames);
    this.levelValues = b.levelValues.clone();
    this.timestampFormat = b.timestampFormat;
    this.traceFormat = b.traceFormat;
    Set<String> taken = new LinkedHashSet<>();
    for (LogField f : order) {
      if (f != LogField.USER_FIELDS && !taken.add(names.get(f))) {
        throw new IllegalArgumentException(id + ": field name " + names.get(f) + " used twice");
      }
    }
    this.reserved = Collections.unmodifiableSet(taken);
  }

  /**
   * The built-in profiles: {@code ecs}, {@code logstash}, {@code gcp}.
   *
   * @return an unmodifiable list, the default first
   */
  public static List<LogProfile> all() {
    return ALL;
  }

  /**
   * The built-in profile with this id (case-insensitive), if there is one.
   *
   * @param id for example {@code ecs}, {@code logstash} or {@code gcp}
   * @return the profile, or empty for an unknown id
   */
  public static Optional<LogProfile> named(String id) {
    for (LogProfile p : ALL) {
      if (p.id.equalsIgnoreCase(String.valueOf(id).trim())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The id used to select it ({@code servicekit.log.profile}).
   *
   * @return for example {@code ecs}
   */
  public String id() {
    return id;
  }

  /**
   * The top-level fields in the order a line carries them.
   *
   * @return an unmodifiable list
   */
  public List<LogField> order() {
    return order;
  }

  /**
   * The fields written inside {@link LogField#LABELS}, in order; empty when it has none.
   *
   * @return an unmodifiable list
   */
  public List<LogField> labelFields() {
    return labelFields;
  }

  /**
   * The JSON name of a field, whether top-level or inside the labels; empty when the profile does
   * not write it.
   *
   * @param field the field
   * @return for example {@code log.level}
   */
  public Optional<String> name(LogField field) {
    return Optional.ofNullable(names.get(field)).filter(n -> !n.isEmpty());
  }

  /**
   * The fixed value of a constant field ({@link LogField#FORMAT_VERSION}, ...), or empty.
   *
   * @param field the field
   * @return for example {@code 8.11.0} for ECS's {@code ecs.version}
   */
  public Optional<String> constant(LogField field) {
    return Optional.ofNullable(constants.get(field));
  }

  /**
   * The level name for an SLF4J level number (0 trace, 10 debug, ... 40 error).
   *
   * @param slf4jLevel one of SLF4J's {@code Level.toInt()} values
   * @return for example {@code INFO}, or {@code WARNING} in the GCP profile
   */
  public String levelName(int slf4jLevel) {
    return levelNames.get(levelIndex(slf4jLevel));
  }

  /**
   * The distinct level names, from the least to the most severe.
   *
   * @return an unmodifiable list
   */
  public List<String> levelNames() {
    return List.copyOf(new LinkedHashSet<>(levelNames));
  }

  /**
   * The SLF4J level number (0 ... 40) of a level name this profile writes, or -1 when it is none of
   * them. A name two levels share (Cloud Logging's {@code DEBUG} for trace and debug) gives the
   * more severe of them.
   *
   * @param name a level name as this profile writes it, in any case
   * @return 0, 10, 20, 30 or 40, or -1 for a name this profile does not write
   */
  public int levelOf(String name) {
    for (int i = levelNames.size() - 1; i >= 0; i--) {
      if (levelNames.get(i).equalsIgnoreCase(String.valueOf(name).trim())) {
        return i * 10;
      }
    }
    return -1;
  }

  /**
   * The number written as {@link LogField#LEVEL_VALUE} for an SLF4J level number.
   *
   * @param slf4jLevel one of SLF4J's {@code Level.toInt()} values
   * @return the profile's own number for the level
   */
  public int levelValue(int slf4jLevel) {
    return levelValues[levelIndex(slf4jLevel)];
  }

  /**
   * How the timestamp is written.
   *
   * @return the timestamp form
   */
  public TimestampFormat timestampFormat() {
    return timestampFormat;
  }

  /**
   * How the trace id is written.
   *
   * @return the trace id form
   */
  public TraceFormat traceFormat() {
    return traceFormat;
  }

  /**
   * The top-level names this profile writes itself; a user key equal to one is renamed.
   *
   * @return an unmodifiable set
   */
  public Set<String> reservedNames() {
    return reserved;
  }

  @Override
  public String toString() {
    return id;
  }

  private static int levelIndex(int slf4jLevel) {
    return Math.max(0, Math.min(4, slf4jLevel / 10));
  }

  private static Builder builder(String id) {
    return new Builder(id);
  }

  /** Collects one description; package use only, so every profile is one reviewed constant. */
  private static final class Builder {
    private final String id;
    private final List<LogField> order = new ArrayList<>();
    private final List<LogField> labels = new ArrayList<>();
    private final Map<LogField, String> names = new EnumMap<>(LogField.class);
    private final Map<LogField, String> constants = new EnumMap<>(LogField.class);
    private List<String> levelNames = List.of();
    private int[] levelValues = {0, 10, 20, 30, 40};
    private TimestampFormat timestampFormat = TimestampFormat.ISO_8601_UTC_MILLIS;
    private TraceFormat traceFormat = TraceFormat.HEX;

    Builder(String id) {
      this.id = id.toLowerCase(Locale.ROOT);
    }

    Builder field(LogField field, String name) {
      if (names.put(field, Objects.requireNonNull(name)) != null) {
        throw new IllegalArgumentException(id + ": " + field + " given twice");
      }
      order.add(field);
      return this;
    }

    Builder constant(LogField field, String name, String value) {
      constants.put(field, value);
      return field(field, name);
    }

    Builder label(LogField field, String name) {
      if (names.put(field, Objects.requireNonNull(name)) != null) {
        throw new IllegalArgumentException(id + ": " + field + " given twice");
      }
      labels.add(field);
      return this;
    }

    Builder levels(String... fiveNames) {
      levelNames = List.of(fiveNames);
      return this;
    }

    Builder levelValues(int... five) {
      levelValues = five.clone();
      return this;
    }

    Builder traceFormat(TraceFormat format) {
      traceFormat = format;
      return this;
    }

    LogProfile build() {
      if (order.isEmpty() || order.get(0) != LogField.TIMESTAMP) {
        throw new IllegalArgumentException(id + ": a line starts with the timestamp");
      }
      if (levelNames.size() != 5 || levelValues.length != 5) {
        throw new IllegalArgumentException(id + ": five level names and values");
      }
      if (!order.containsAll(List.of(LogField.LEVEL, LogField.MESSAGE, LogField.USER_FIELDS))) {
        throw new IllegalArgumentException(id + ": needs LEVEL, MESSAGE and USER_FIELDS");
      }
      if (order.contains(LogField.LABELS) == labels.isEmpty()) {
        throw new IllegalArgumentException(id + ": LABELS goes with label fields");
      }
      return new LogProfile(this);
    }
  }
}
