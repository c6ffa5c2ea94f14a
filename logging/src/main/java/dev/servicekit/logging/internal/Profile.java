package dev.servicekit.logging.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The field names of one output format. {@code null} names are not written in that profile.
 * Standard fields come first, in the order of {@link JsonEncoder}; MDC entries and key-value pairs
 * follow.
 */
public enum Profile {
  /** Elastic Common Schema, the default. */
  ECS(
      "@timestamp",
      "log.level",
      "message",
      "log.logger",
      "process.thread.name",
      "service.name",
      "service.version",
      "service.environment",
      "event.dataset",
      "trace.id",
      "span.id",
      "error.type",
      "error.message",
      "error.stack_trace",
      "tags",
      "log.truncated",
      new String[] {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"}),
  /** The field names of logstash-logback-encoder's default output. */
  LOGSTASH(
      "@timestamp",
      "level",
      "message",
      "logger_name",
      "thread_name",
      "service_name",
      "service_version",
      "service_environment",
      null,
      "trace_id",
      "span_id",
      "error_type",
      "error_message",
      "stack_trace",
      "tags",
      "truncated",
      new String[] {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"}),
  /** Google Cloud Logging's structured payload. */
  GCP(
      "time",
      "severity",
      "message",
      "logger",
      "thread",
      "service.name",
      "service.version",
      "service.environment",
      null,
      "logging.googleapis.com/trace",
      "logging.googleapis.com/spanId",
      "error.type",
      "error.message",
      "stack_trace",
      "tags",
      "truncated",
      new String[] {"DEBUG", "DEBUG", "INFO", "WARNING", "ERROR"});

  final String timestamp;
  final String level;
  final String message;
  final String logger;
  final String thread;
  final String serviceName;
  final String serviceVersion;
  final String environment;
  final String dataset;
  final String traceId;
  final String spanId;
  final String errorType;
  final String errorMessage;
  final String stackTrace;
  final String tags;
  final String truncated;
  final Set<String> reserved;
  final byte[][] levelValues;

  Profile(
      String timestamp,
      String level,
      String message,
      String logger,
      String thread,
      String serviceName,
      String serviceVersion,
      String environment,
      String dataset,
      String traceId,
      String spanId,
      String errorType,
      String errorMessage,
      String stackTrace,
      String tags,
      String truncated,
      String[] levelNames) {
    this.timestamp = timestamp;
    this.level = level;
    this.message = message;
    this.logger = logger;
    this.thread = thread;
    this.serviceName = serviceName;
    this.serviceVersion = serviceVersion;
    this.environment = environment;
    this.dataset = dataset;
    this.traceId = traceId;
    this.spanId = spanId;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.stackTrace = stackTrace;
    this.tags = tags;
    this.truncated = truncated;
    java.util.HashSet<String> names = new java.util.HashSet<>();
    for (String n :
        new String[] {
          timestamp,
          level,
          message,
          logger,
          thread,
          serviceName,
          serviceVersion,
          environment,
          dataset,
          traceId,
          spanId,
          errorType,
          errorMessage,
          stackTrace,
          tags,
          truncated,
          "@version",
          "level_value"
        }) {
      if (n != null) {
        names.add(n);
      }
    }
    this.reserved = Set.copyOf(names);
    this.levelValues = new byte[levelNames.length][];
    for (int i = 0; i < levelNames.length; i++) {
      levelValues[i] = ("\"" + levelNames[i] + "\"").getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** True for a name this profile writes itself; a user key with this name is renamed. */
  boolean isReserved(String key) {
    return reserved.contains(key);
  }
}
