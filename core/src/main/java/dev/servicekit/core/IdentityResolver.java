package dev.servicekit.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves a {@link ServiceInfo} from configuration, following DESIGN.md's precedence. */
final class IdentityResolver {

  static final String NAME = "servicekit.service.name";
  static final String VERSION = "servicekit.service.version";
  static final String ENVIRONMENT = "servicekit.service.environment";
  static final String INSTANCE_ID = "servicekit.service.instance-id";
  static final String PORT = "servicekit.service.port";
  static final String TAGS = "servicekit.service.tags";
  static final String META = "servicekit.service.meta";
  static final String OTEL_SERVICE_NAME = "otel.service.name";
  static final String OTEL_RESOURCE_ATTRIBUTES = "otel.resource.attributes";

  static final String DEFAULT_VERSION = "unknown";
  static final String DEFAULT_ENVIRONMENT = "default";

  private static final Logger log = LoggerFactory.getLogger(IdentityResolver.class);

  private IdentityResolver() {}

  /**
   * Resolves the identity.
   *
   * @param config configuration, with builder values as overrides
   * @param extraTags tags given to the builder, listed first
   * @param extraMeta metadata given to the builder, winning over configured entries
   * @throws ConfigException when no service name is configured or a value is malformed
   */
  static ServiceInfo resolve(
      ServiceConfig config, List<String> extraTags, Map<String, String> extraMeta) {
    Map<String, String> otel = otelAttributes(config);
    Named named =
        config
            .get(NAME)
            .map(v -> new Named(v, NAME, config.sourceOf(NAME).orElse(null)))
            .or(
                () ->
                    config
                        .env("SERVICE_NAME")
                        .map(
                            v -> new Named(v, "SERVICE_NAME", "environment variable SERVICE_NAME")))
            .or(
                () ->
                    config
                        .get(OTEL_SERVICE_NAME)
                        .map(
                            v ->
                                new Named(
                                    v,
                                    OTEL_SERVICE_NAME,
                                    config.sourceOf(OTEL_SERVICE_NAME).orElse(null))))
            .or(
                () ->
                    Optional.ofNullable(otel.get("service.name"))
                        .map(
                            v ->
                                new Named(
                                    v,
                                    "service.name",
                                    config.sourceOf(OTEL_RESOURCE_ATTRIBUTES).orElse(null))))
            .orElseThrow(
                () ->
                    new ConfigException(
                        NAME,
                        null,
                        null,
                        "a service name: call ServiceRuntime.builder().serviceName(..), or set"
                            + " -Dservicekit.service.name, SERVICEKIT_SERVICE_NAME, SERVICE_NAME"
                            + " or OTEL_SERVICE_NAME"));
    checkName(named);
    String name = named.value();
    String version =
        config
            .get(VERSION)
            .or(() -> Optional.ofNullable(otel.get("service.version")))
            .orElse(DEFAULT_VERSION);
    String environment =
        config
            .get(ENVIRONMENT)
            .or(() -> Optional.ofNullable(otel.get("deployment.environment.name")))
            .or(() -> Optional.ofNullable(otel.get("deployment.environment")))
            .orElse(DEFAULT_ENVIRONMENT);
    String instanceId = config.get(INSTANCE_ID).orElseGet(() -> generateInstanceId(name, config));
    String address = AdvertisedAddress.resolve(config);
    int port = config.getPort(PORT, 0);

    LinkedHashSet<String> tags = new LinkedHashSet<>(extraTags);
    tags.addAll(config.getList(TAGS));
    Map<String, String> meta = new LinkedHashMap<>(config.getMap(META));
    meta.putAll(extraMeta);
    return new ServiceInfo(
        name, version, instanceId, environment, address, port, new ArrayList<>(tags), meta);
  }

  private static Map<String, String> otelAttributes(ServiceConfig config) {
    Optional<String> raw = config.get(OTEL_RESOURCE_ATTRIBUTES);
    if (raw.isEmpty()) {
      return Map.of();
    }
    Optional<Map<String, String>> parsed = OtelResourceAttributes.parse(raw.get());
    if (parsed.isEmpty()) {
      log.warn(
          "Ignoring {} from {}: not a comma-separated list of percent-encoded key=value pairs",
          ServiceConfig.envName(OTEL_RESOURCE_ATTRIBUTES),
          config.sourceOf(OTEL_RESOURCE_ATTRIBUTES).orElse("?"));
      return Map.of();
    }
    return parsed.get();
  }

  private record Named(String value, String key, String source) {}

  private static void checkName(Named named) {
    String name = named.value();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/') {
        throw new ConfigException(
            named.key(),
            name,
            named.source(),
            "a service name without spaces, control characters or slashes");
      }
    }
  }

  /** {@code name-host-random}: unique per host, fixed for the life of the runtime. */
  static String generateInstanceId(String name, ServiceConfig config) {
    String host = config.env("HOSTNAME").orElseGet(IdentityResolver::localHostName);
    if (host.indexOf('.') > 0 && !IpLiterals.isIpv4(host)) {
      host = host.substring(0, host.indexOf('.'));
    }
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return sanitize(name) + "-" + sanitize(host) + "-" + HexFormat.of().formatHex(random);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | RuntimeException e) {
      return "localhost";
    }
  }

  private static String sanitize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ? c : '-');
    }
    return sb.length() == 0 ? "x" : sb.toString();
  }
}
