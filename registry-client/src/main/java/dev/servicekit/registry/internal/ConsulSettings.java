package dev.servicekit.registry.internal;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the registry client reads from configuration, parsed and validated once.
 *
 * <p>Consul's own variables are read as the {@code consul} CLI reads them; every one of them has a
 * {@code servicekit.registry.*} key that takes precedence (builder, system property, {@code
 * SERVICEKIT_REGISTRY_*}). The token is held here and nowhere else; {@link #toString()} never shows
 * it.
 */
public final class ConsulSettings {

  static final String PREFIX = "servicekit.registry.";

  /** How the agent learns that this instance is healthy. */
  public enum CheckType {
    /** The agent polls the management readiness endpoint. */
    HTTP,
    /** The service reports itself passing at a fraction of the TTL. */
    TTL
  }

  /** Built-in balancers selectable by configuration. */
  public enum Balancer {
    /** Each instance in turn. */
    ROUND_ROBIN,
    /** A uniformly random instance. */
    RANDOM
  }

  final boolean enabled;
  final String scheme;
  final String host;
  final int port;
  private final String token;
  final boolean verifyTls;
  final Optional<Path> caCert;
  final Optional<Path> clientCert;
  final Optional<Path> clientKey;
  final Optional<String> namespace;
  final CheckType checkType;
  final Duration checkInterval;
  final Duration checkTimeout;
  final Duration ttl;
  final Duration heartbeat;
  final String checkPath;
  final Duration deregisterCriticalAfter;
  final List<String> tags;
  final Duration verifyInterval;
  final Duration backoffInitial;
  final Duration backoffMax;
  final Duration connectTimeout;
  final Duration requestTimeout;
  final Duration watchWait;
  final Duration watchMinInterval;
  final Duration watchRecoveryHold;
  final Duration firstAnswerTimeout;
  final Balancer balancer;

  private ConsulSettings(ServiceConfig config, Setting addressSetting) {
    String address = addressSetting.value();
    this.enabled = config.getBoolean(PREFIX + "enabled", true);
    boolean ssl = bool(config, "ssl", "CONSUL_HTTP_SSL", false);
    String addr = address;
    String parsedScheme = "http";
    String lower = addr.toLowerCase(Locale.ROOT);
    if (lower.startsWith("unix://")) {
      throw addressSetting.error("host:port or an http(s) URL (unix sockets unsupported)");
    } else if (lower.startsWith("https://")) {
      parsedScheme = "https";
      addr = addr.substring(8);
    } else if (lower.startsWith("http://")) {
      addr = addr.substring(7);
    }
    if (addr.endsWith("/")) {
      addr = addr.substring(0, addr.length() - 1);
    }
    if (ssl) {
      parsedScheme = "https";
    }
    this.scheme = parsedScheme;
    HostPort hp = HostPort.parse(addr, "https".equals(parsedScheme) ? 8501 : 8500);
    if (hp == null) {
      throw addressSetting.error("host:port or an http(s) URL");
    }
    this.host = hp.host();
    this.port = hp.port();
    this.token = readToken(config);
    this.verifyTls = bool(config, "ssl-verify", "CONSUL_HTTP_SSL_VERIFY", true);
    this.caCert = path(config, "cacert", "CONSUL_CACERT");
    this.clientCert = path(config, "client-cert", "CONSUL_CLIENT_CERT");
    this.clientKey = path(config, "client-key", "CONSUL_CLIENT_KEY");
    if (clientCert.isPresent() != clientKey.isPresent()) {
      throw new ConfigException(
          clientCert.isPresent() ? "CONSUL_CLIENT_KEY" : "CONSUL_CLIENT_CERT",
          null,
          null,
          "a client certificate and a client key, both or neither");
    }
    this.namespace = value(config, "namespace", "CONSUL_NAMESPACE");
    this.checkType = config.getEnum(PREFIX + "check.type", CheckType.class, CheckType.HTTP);
    this.checkInterval = positive(config, "check.interval", Duration.ofSeconds(10));
    this.checkTimeout = positive(config, "check.timeout", Duration.ofSeconds(5));
    this.ttl = positive(config, "check.ttl", Duration.ofSeconds(15));
    this.heartbeat = positive(config, "check.heartbeat", ttl.dividedBy(3));
    if (checkType == CheckType.TTL && heartbeat.compareTo(ttl) >= 0) {
      throw config
          .find(PREFIX + "check.heartbeat")
          .map(h -> h.error("a duration shorter than check.ttl (" + ttl + ")"))
          .orElseGet(
              () ->
                  new ConfigException(
                      PREFIX + "check.heartbeat",
                      heartbeat.toString(),
                      "default, a third of check.ttl",
                      "a duration shorter than check.ttl (" + ttl + ")"));
    }
    this.checkPath = config.getString(PREFIX + "check.path", "/health/ready");
    this.deregisterCriticalAfter =
        positive(config, "deregister-critical-after", Duration.ofMinutes(1));
    this.tags = config.getList(PREFIX + "tags");
    this.verifyInterval =
        positive(config, "verify-interval", checkType == CheckType.TTL ? heartbeat : checkInterval);
    this.backoffInitial = positive(config, "backoff.initial", Duration.ofMillis(500));
    this.backoffMax = positive(config, "backoff.max", Duration.ofSeconds(30));
    this.connectTimeout = positive(config, "connect-timeout", Duration.ofSeconds(3));
    this.requestTimeout = positive(config, "request-timeout", Duration.ofSeconds(10));
    Duration wait = positive(config, "watch.wait", Duration.ofSeconds(60));
    if (wait.compareTo(Duration.ofMinutes(10)) > 0 || wait.toMillis() < 1000) {
      throw config
          .find(PREFIX + "watch.wait")
          .orElseThrow()
          .error("a duration from 1s to 10m (Consul's limit)");
    }
    this.watchWait = wait;
    this.watchMinInterval =
        config.getDuration(PREFIX + "watch.min-interval", Duration.ofMillis(250));
    this.watchRecoveryHold =
        config.getDuration(PREFIX + "watch.recovery-hold", checkInterval.multipliedBy(3));
    this.firstAnswerTimeout =
        config.getDuration(PREFIX + "watch.first-answer-timeout", Duration.ofSeconds(3));
    this.balancer = config.getEnum(PREFIX + "load-balancer", Balancer.class, Balancer.ROUND_ROBIN);
  }

  /**
   * Reads the settings, or empty when no agent address is configured ({@code
   * servicekit.registry.address} or {@code CONSUL_HTTP_ADDR}).
   *
   * @throws ConfigException when a value is present but unusable
   */
  public static Optional<ConsulSettings> from(ServiceConfig config) {
    Optional<Setting> address = setting(config, "address", "CONSUL_HTTP_ADDR");
    if (address.isEmpty()) {
      return Optional.empty();
    }
    ConsulSettings settings = new ConsulSettings(config, address.get());
    return settings.enabled ? Optional.of(settings) : Optional.empty();
  }

  /** The agent's base address without credentials, for logs: {@code http://127.0.0.1:8500}. */
  public String agentAddress() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme + "://" + h + ":" + port;
  }

  boolean https() {
    return "https".equals(scheme);
  }

  /** The ACL token, empty when none is configured. Never log or print it. */
  String token() {
    return token;
  }

  @Override
  public String toString() {
    return "ConsulSettings["
        + agentAddress()
        + ", token="
        + (token.isEmpty() ? "none" : "set")
        + ", check="
        + checkType
        + "]";
  }

  private static String readToken(ServiceConfig config) {
    // As Consul's API client does: a non-empty token file wins over the token variable.
    Optional<Setting> file = setting(config, "token-file", "CONSUL_HTTP_TOKEN_FILE");
    if (file.isPresent()) {
      try {
        String fromFile =
            Files.readString(Path.of(file.get().value()), StandardCharsets.UTF_8).trim();
        if (!fromFile.isEmpty()) {
          return fromFile;
        }
      } catch (IOException | RuntimeException e) {
        throw file.get()
            .error("a readable file holding the ACL token (" + e.getClass().getSimpleName() + ")");
      }
    }
    return value(config, "token", "CONSUL_HTTP_TOKEN").orElse("");
  }

  private static Optional<String> value(ServiceConfig config, String key, String consulEnv) {
    return setting(config, key, consulEnv).map(Setting::value);
  }

  /** servicekit's own key first, then Consul's variable, each with where it came from. */
  private static Optional<Setting> setting(ServiceConfig config, String key, String consulEnv) {
    return config.find(PREFIX + key).or(() -> config.findEnv(consulEnv));
  }

  private static boolean bool(ServiceConfig config, String key, String consulEnv, boolean dflt) {
    Optional<Setting> found = setting(config, key, consulEnv);
    return found.isEmpty() ? dflt : ServiceConfig.toBoolean(found.get());
  }

  private static Optional<Path> path(ServiceConfig config, String key, String consulEnv) {
    Optional<Setting> found = setting(config, key, consulEnv);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(found.get().value());
    if (!Files.isReadable(p)) {
      throw found.get().error("a readable PEM file");
    }
    return Optional.of(p);
  }

  private static Duration positive(ServiceConfig config, String key, Duration dflt) {
    Optional<Setting> found = config.find(PREFIX + key);
    if (found.isEmpty()) {
      return dflt;
    }
    Duration d = ServiceConfig.toDuration(found.get());
    if (d.isZero()) {
      throw found.get().error("a positive duration such as 500ms or 10s");
    }
    return d;
  }

  record HostPort(String host, int port) {
    static HostPort parse(String s, int defaultPort) {
      if (s.isEmpty()) {
        return null;
      }
      String h;
      String p = null;
      if (s.startsWith("[")) {
        int close = s.indexOf(']');
        if (close < 0) {
          return null;
        }
        h = s.substring(1, close);
        if (close + 1 < s.length()) {
          if (s.charAt(close + 1) != ':') {
            return null;
          }
          p = s.substring(close + 2);
        }
      } else {
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.indexOf(':') == colon) {
          h = s.substring(0, colon);
          p = s.substring(colon + 1);
        } else {
          h = s;
        }
      }
      if (h.isEmpty() || h.contains("/") || h.contains("@")) {
        return null;
      }
      int port = defaultPort;
      if (p != null) {
        try {
          port = Integer.parseInt(p);
        } catch (NumberFormatException e) {
          return null;
        }
        if (port < 1 || port > 65535) {
          return null;
        }
      }
      return new HostPort(h, port);
    }
  }
}
