package dev.servicekit.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one chain that says where each part of a service identity comes from, first match wins:
 *
 * <ul>
 *   <li>name: {@code servicekit.service.name} (builder, system property, {@code
 *       SERVICEKIT_SERVICE_NAME}), {@code SERVICE_NAME}, {@code otel.service.name} / {@code
 *       OTEL_SERVICE_NAME}, {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES};
 *   <li>version: {@code servicekit.service.version}, {@code service.version} in {@code
 *       OTEL_RESOURCE_ATTRIBUTES};
 *   <li>environment: {@code servicekit.service.environment}, {@code deployment.environment.name},
 *       then the older {@code deployment.environment}, in {@code OTEL_RESOURCE_ATTRIBUTES};
 *   <li>instance id: {@code servicekit.service.instance-id}, {@code service.instance.id} in {@code
 *       OTEL_RESOURCE_ATTRIBUTES}.
 * </ul>
 *
 * <p>A malformed {@code OTEL_RESOURCE_ATTRIBUTES} is discarded as a whole (as OpenTelemetry's
 * specification asks) and handed to the {@code problems} callback, which reports it the caller's
 * way. Stateless.
 */
public final class IdentityChain {

  /** Key of the service name. */
  public static final String NAME = "servicekit.service.name";

  /** Key of the service version. */
  public static final String VERSION = "servicekit.service.version";

  /** Key of the deployment environment. */
  public static final String ENVIRONMENT = "servicekit.service.environment";

  /** Key of the instance id. */
  public static final String INSTANCE_ID = "servicekit.service.instance-id";

  /** Key of OpenTelemetry's service name (system property; env {@code OTEL_SERVICE_NAME}). */
  public static final String OTEL_SERVICE_NAME = "otel.service.name";

  private IdentityChain() {}

  /**
   * The parts of the identity that {@code config} sets, with where each came from.
   *
   * @param config the configuration to read
   * @param problems told about a malformed {@code OTEL_RESOURCE_ATTRIBUTES}, which is then ignored;
   *     never told twice per call
   * @return each part found, with its key and source
   */
  public static Found find(ServiceConfig config, Consumer<ConfigException> problems) {
    Map<String, String> otel;
    try {
      otel = OtelResourceAttributes.from(config);
    } catch (ConfigException e) {
      problems.accept(e);
      otel = Map.of();
    }
    String otelSource =
        config
            .find(OtelResourceAttributes.KEY)
            .map(s -> s.source().replace("environment variable ", ""))
            .orElse("");
    Map<String, String> attributes = otel;
    Optional<Setting> name =
        config
            .find(NAME)
            .or(() -> config.findEnv("SERVICE_NAME"))
            .or(() -> config.find(OTEL_SERVICE_NAME))
            .or(() -> attribute(attributes, "service.name", otelSource));
    Optional<Setting> version =
        config.find(VERSION).or(() -> attribute(attributes, "service.version", otelSource));
    Optional<Setting> environment =
        config
            .find(ENVIRONMENT)
            .or(() -> attribute(attributes, "deployment.environment.name", otelSource))
            .or(() -> attribute(attributes, "deployment.environment", otelSource));
    Optional<Setting> instanceId =
        config.find(INSTANCE_ID).or(() -> attribute(attributes, "service.instance.id", otelSource));
    return new Found(name, version, environment, instanceId);
  }

  /**
   * The identity that {@code config} sets; parts it does not set are unknown.
   *
   * @param config the configuration to read
   * @param problems told about a malformed {@code OTEL_RESOURCE_ATTRIBUTES}, which is then ignored
   * @return the identity; {@link ServiceIdentity#NONE} when nothing is set
   */
  public static ServiceIdentity resolve(ServiceConfig config, Consumer<ConfigException> problems) {
    return find(config, problems).identity();
  }

  private static Optional<Setting> attribute(
      Map<String, String> attributes, String name, String source) {
    String v = attributes.get(name);
    return v == null || v.isBlank()
        ? Optional.empty()
        : Optional.of(new Setting(name, v.trim(), source + " " + name));
  }

  /**
   * The parts found, each with its key and source.
   *
   * @param name the service name
   * @param version the version
   * @param environment the deployment environment
   * @param instanceId the instance id
   */
  public record Found(
      Optional<Setting> name,
      Optional<Setting> version,
      Optional<Setting> environment,
      Optional<Setting> instanceId) {

    /**
     * The values as an identity.
     *
     * @return the values alone, without their sources
     */
    public ServiceIdentity identity() {
      return ServiceIdentity.of(
          name.map(Setting::value).orElse(null),
          version.map(Setting::value).orElse(null),
          environment.map(Setting::value).orElse(null),
          instanceId.map(Setting::value).orElse(null));
    }
  }
}
