package dev.servicekit.logging.internal;

import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceIdentity;

/**
 * The service identity that log lines carry: service name, version, deployment environment,
 * instance id and the event dataset. Immutable; each part is {@code null} when unknown. Encoders
 * get the current one from {@link LogConfig#identity()} and rebuild their encoded identity fields
 * only when it is a different instance.
 */
public final class LogIdentity {

  /** The key that overrides the dataset (default: the service name). */
  static final String DATASET_KEY = "servicekit.log.dataset";

  private final String serviceName;
  private final String serviceVersion;
  private final String environment;
  private final String instanceId;
  private final String dataset;
  final int stamp;

  LogIdentity(ServiceIdentity identity, String dataset, int stamp) {
    this.serviceName = identity.name().orElse(null);
    this.serviceVersion = identity.version().orElse(null);
    this.environment = identity.environment().orElse(null);
    this.instanceId = identity.instanceId().orElse(null);
    this.dataset =
        LogConfig.dataset(
            dataset != null && !dataset.isBlank()
                ? dataset.trim()
                : serviceName == null ? null : serviceName + ".log");
    this.stamp = stamp;
  }

  /** The identity a running runtime published, read at {@code stamp}. */
  static LogIdentity published(ProcessConfig.Layer layer, int stamp) {
    return new LogIdentity(
        layer.identity(), ProcessConfig.current().get(DATASET_KEY).orElse(null), stamp);
  }

  LogIdentity withStamp(int newStamp) {
    return newStamp == stamp
        ? this
        : new LogIdentity(
            ServiceIdentity.of(serviceName, serviceVersion, environment, instanceId),
            dataset,
            newStamp);
  }

  /** The service name ({@code service.name} in ECS), or null. */
  public String serviceName() {
    return serviceName;
  }

  /** The service version ({@code service.version} in ECS), or null. */
  public String serviceVersion() {
    return serviceVersion;
  }

  /** The deployment environment, or null. */
  public String environment() {
    return environment;
  }

  /**
   * The instance id: the running runtime's {@code ServiceInfo.instanceId()} after {@code start()},
   * else {@code servicekit.service.instance-id} or {@code service.instance.id} from {@code
   * OTEL_RESOURCE_ATTRIBUTES}; null when none is known. ECS calls it {@code service.node.name}.
   */
  public String instanceId() {
    return instanceId;
  }

  /**
   * The event dataset: {@code servicekit.log.dataset}, else {@code <service name>.log}, cleaned up
   * as the ecs-logging spec says; or null.
   */
  public String dataset() {
    return dataset;
  }
}
