package dev.servicekit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compares the service identity on the log lines with the one an OpenTelemetry agent or SDK puts on
 * its trace resource, and says which setting to change when they differ. The resource is read the
 * way the agent and SDK autoconfiguration read it: {@code otel.service.name} / {@code
 * OTEL_SERVICE_NAME} first, then {@code service.name} and {@code service.instance.id} in {@code
 * otel.resource.attributes} / {@code OTEL_RESOURCE_ATTRIBUTES}. Without those settings the agent
 * derives a name itself and draws a random instance id, so the logs and the traces of one process
 * would not match.
 *
 * <p>Presence is told by class, not by asking {@code GlobalOpenTelemetry} (whose answers differ
 * between agent versions): the agent's entry class on the system class path, or the SDK on the
 * application's.
 */
final class TraceResourceCheck {

  static final String AGENT_CLASS = "io.opentelemetry.javaagent.OpenTelemetryAgent";
  static final String SDK_CLASS = "io.opentelemetry.sdk.OpenTelemetrySdk";

  private TraceResourceCheck() {}

  /** Whether the OpenTelemetry agent runs in this JVM or the SDK is on the class path. */
  static boolean openTelemetryPresent() {
    return present(AGENT_CLASS, ClassLoader.getSystemClassLoader())
        || present(SDK_CLASS, TraceResourceCheck.class.getClassLoader());
  }

  private static boolean present(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * The warning to log once at start, or empty when the trace resource names the same service and
   * instance as the logs.
   *
   * @param otelPresent whether an agent or SDK is there to be configured
   */
  static Optional<String> warning(ServiceInfo info, ServiceConfig config, boolean otelPresent) {
    if (!otelPresent) {
      return Optional.empty();
    }
    Map<String, String> resource =
        config
            .get(IdentityResolver.OTEL_RESOURCE_ATTRIBUTES)
            .flatMap(OtelResourceAttributes::parse)
            .orElse(Map.of());
    Optional<String> traceName =
        config
            .get(IdentityResolver.OTEL_SERVICE_NAME)
            .or(() -> Optional.ofNullable(resource.get("service.name")));
    Optional<String> traceInstance = Optional.ofNullable(resource.get("service.instance.id"));
    List<String> fixes = new ArrayList<>();
    if (!traceName.filter(Predicate.isEqual(info.name())).isPresent()) {
      fixes.add(
          "set OTEL_SERVICE_NAME="
              + info.name()
              + traceName.map(n -> " (the traces say '" + n + "')").orElse(""));
    }
    if (!traceInstance.filter(Predicate.isEqual(info.instanceId())).isPresent()) {
      fixes.add(
          "add service.instance.id="
              + info.instanceId()
              + " to OTEL_RESOURCE_ATTRIBUTES"
              + traceInstance.map(n -> " (the traces say '" + n + "')").orElse(""));
    }
    if (fixes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "OpenTelemetry is present but its trace resource does not name this service as the logs"
            + " do (service.name "
            + info.name()
            + ", instance "
            + info.instanceId()
            + "): "
            + String.join("; ", fixes));
  }
}
