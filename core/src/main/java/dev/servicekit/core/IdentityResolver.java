package dev.servicekit.core;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.IdentityChain;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Setting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@link ServiceInfo} from configuration: name, version, environment and instance id
 * through servicekit-config's {@link IdentityChain}, then what only a runtime needs (address, port,
 * tags, metadata).
 */
final class IdentityResolver {

  static final String NAME = IdentityChain.NAME;
  static final String VERSION = IdentityChain.VERSION;
  static final String ENVIRONMENT = IdentityChain.ENVIRONMENT;
  static final String INSTANCE_ID = IdentityChain.INSTANCE_ID;
  static final String PORT = "servicekit.service.port";
  static final String TAGS = "servicekit.service.tags";
  static final String META = "servicekit.service.meta";

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
    IdentityChain.Found found =
        IdentityChain.find(
            config,
            problem ->
                log.warn(
                    "Ignoring OTEL_RESOURCE_ATTRIBUTES as a whole, as OpenTelemetry does: {}",
                    problem.getMessage()));
    Setting named =
        found
            .name()
            .orElseThrow(
                () ->
                    new ConfigException(
                        NAME,
                        null,
                        null,
                        "a service name: call ServiceRuntime.builder().serviceName(..), or set"
                            + " -Dservicekit.service.name, SERVICEKIT_SERVICE_NAME, SERVICE_NAME,"
                            + " OTEL_SERVICE_NAME or service.name in OTEL_RESOURCE_ATTRIBUTES"));
    checkName(named);
    String name = named.value();
    String version = found.version().map(Setting::value).orElse(DEFAULT_VERSION);
    String environment = found.environment().map(Setting::value).orElse(DEFAULT_ENVIRONMENT);
    String instanceId =
        found.instanceId().map(Setting::value).orElseGet(() -> generateInstanceId(name, config));
    String address = AdvertisedAddress.resolve(config);
    int port = config.getPort(PORT, 0);

    LinkedHashSet<String> tags = new LinkedHashSet<>(extraTags);
    tags.addAll(config.getList(TAGS));
    Map<String, String> meta = new LinkedHashMap<>(config.getMap(META));
    meta.putAll(extraMeta);
    return new ServiceInfo(
        name, version, instanceId, environment, address, port, new ArrayList<>(tags), meta);
  }

  private static void checkName(Setting named) {
    String name = named.value();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/') {
        throw named.error("a service name without spaces, control characters or slashes");
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
