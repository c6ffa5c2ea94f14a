package dev.servicekit.examples.logquery;

import dev.servicekit.logging.LogProfile;
import dev.servicekit.logging.LogProfile.LogField;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each attribute a query needs is found in a line: first the names servicekit-logging's
 * profiles write (read from their {@link LogProfile} descriptions, so a new profile is read without
 * a change here), then names other JSON encoders use. A field inside a profile's labels object is
 * looked up as {@code <labels name>.<field name>}.
 */
final class FieldNames {

  static final List<String> TIMESTAMP = names(LogField.TIMESTAMP, "timestamp", "ts");
  static final List<String> LEVEL = names(LogField.LEVEL, "levelname");
  static final List<String> MESSAGE = names(LogField.MESSAGE, "msg", "textPayload");
  static final List<String> SERVICE =
      with(
          names(LogField.SERVICE_NAME),
          serviceContextField("service"),
          List.of(
              "logging.googleapis.com/labels.service_name",
              "service.name",
              "service_name",
              "service",
              "app"));
  static final List<String> INSTANCE =
      names(
          LogField.SERVICE_INSTANCE,
          "service.instance.id",
          "service.node.name",
          "logging.googleapis.com/labels.service.instance.id",
          "logging.googleapis.com/labels.service_instance_id",
          "service_instance_id",
          "instance_id");
  static final List<String> LOGGER =
      names(LogField.LOGGER, "logging.googleapis.com/sourceLocation.function");
  static final List<String> TRACE =
      names(
          LogField.TRACE_ID, "trace.id", "trace_id", "traceId", "labels.trace_id", "mdc.trace_id");
  static final List<String> ERROR_TYPE =
      names(LogField.ERROR_TYPE, "exception.type", "exception.exception_class");
  static final List<String> ERROR_MESSAGE =
      names(LogField.ERROR_MESSAGE, "exception.message", "exception.exception_message");
  static final List<String> STACK_TRACE =
      names(LogField.STACK_TRACE, "exception.stacktrace", "exception");

  /**
   * The correlation id is an MDC entry (servicekit-correlation's key), which every profile writes
   * as a top-level field; the other names are other tools' places for it.
   */
  static final List<String> CORRELATION =
      List.of(
          "correlation_id",
          "correlationId",
          "labels.correlation_id",
          "mdc.correlation_id",
          "logging.googleapis.com/labels.correlation_id");

  private FieldNames() {}

  /** Every profile's name for {@code field}, in profile order, then {@code others}. */
  static List<String> names(LogField field, String... others) {
    Set<String> names = new LinkedHashSet<>();
    for (LogProfile p : LogProfile.all()) {
      p.name(field).ifPresent(name -> names.add(path(p, field, name)));
    }
    names.addAll(List.of(others));
    return List.copyOf(names);
  }

  /** Reads a level name of any profile: -1 when none of them writes it. */
  static int slf4jLevel(String name) {
    for (LogProfile p : LogProfile.all()) {
      int level = p.levelOf(name);
      if (level >= 0) {
        return level;
      }
    }
    return -1;
  }

  /** The bare trace id of a value any profile's trace format wrote. */
  static String bareTraceId(String value) {
    String id = value;
    for (LogProfile p : LogProfile.all()) {
      id = p.traceFormat().parse(id);
    }
    return id;
  }

  private static String path(LogProfile p, LogField field, String name) {
    if (p.labelFields().contains(field)) {
      return p.name(LogField.LABELS).orElseThrow() + "." + name;
    }
    return name;
  }

  private static List<String> serviceContextField(String child) {
    List<String> names = new ArrayList<>();
    for (LogProfile p : LogProfile.all()) {
      p.name(LogField.ERROR_SERVICE_CONTEXT).ifPresent(n -> names.add(n + "." + child));
    }
    return names;
  }

  @SafeVarargs
  private static List<String> with(List<String>... lists) {
    Set<String> all = new LinkedHashSet<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return List.copyOf(all);
  }
}
