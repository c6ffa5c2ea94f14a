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
 * Everything the registry client reads from configuration, parsed and validated once: the agent's
 * address, token and namespace, the timeouts of a call, the tags and balancer, and the parts {@code
 * tls}, {@code check}, {@code watch} and {@code backoff}.
 *
 * <p>Consul's own variables are read as the {@code consul} CLI reads them; every one of them has a
 * {@code servicekit.registry.*} key that takes precedence (builder, system property, {@code
 * SERVICEKIT_REGISTRY_*}). The token is held here and nowhere else; {@link #toString()} never shows
 * it.
 */
public final class ConsulSettings {

  /** Built-in balancers selectable by configuration. */
  public enum Balancer {
    /** Each instance in turn. */
    ROUND_ROBIN,
    /** A uniformly random instance. */
    RANDOM
  }

  private final boolean enabled;
  final String scheme;
  final String host;
  final int port;
  private final String token;
  final Optional<String> namespace;
  final Duration connectTimeout;
  final Duration requestTimeout;
  final List<String> tags;
  final Balancer balancer;
  final TlsSettings tls;
  final CheckSettings check;
  final WatchSettings watch;
  final Backoff backoff;

  private ConsulSettings(RegistryKeys keys, Setting addressSetting) {
    this.enabled = keys.bool("enabled", true);
    boolean ssl = keys.bool("ssl", "CONSUL_HTTP_SSL", false);
    String addr = addressSetting.value();
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
    this.token = readToken(keys);
    this.tls = TlsSettings.read(keys);
    this.namespace = keys.value("namespace", "CONSUL_NAMESPACE");
    this.check = CheckSettings.read(keys);
    this.tags = keys.list("tags");
    this.backoff =
        new Backoff(
            keys.positive("backoff.initial", Duration.ofMillis(500)),
            keys.positive("backoff.max", Duration.ofSeconds(30)));
    this.connectTimeout = keys.positive("connect-timeout", Duration.ofSeconds(3));
    this.requestTimeout = keys.positive("request-timeout", Duration.ofSeconds(10));
    this.watch = WatchSettings.read(keys, check.interval());
    this.balancer = keys.enumValue("load-balancer", Balancer.class, Balancer.ROUND_ROBIN);
  }

  /**
   * Reads the settings, or empty when no agent address is configured ({@code
   * servicekit.registry.address} or {@code CONSUL_HTTP_ADDR}).
   *
   * @throws ConfigException when a value is present but unusable
   */
  public static Optional<ConsulSettings> from(ServiceConfig config) {
    RegistryKeys keys = new RegistryKeys(config);
    Optional<Setting> address = keys.find("address", "CONSUL_HTTP_ADDR");
    if (address.isEmpty()) {
      return Optional.empty();
    }
    ConsulSettings settings = new ConsulSettings(keys, address.get());
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
        + check.type()
        + "]";
  }

  private static String readToken(RegistryKeys keys) {
    // As Consul's API client does: a non-empty token file wins over the token variable.
    Optional<Setting> file = keys.find("token-file", "CONSUL_HTTP_TOKEN_FILE");
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
    return keys.value("token", "CONSUL_HTTP_TOKEN").orElse("");
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
