package dev.servicekit.registry.internal;

import dev.servicekit.config.ConfigException;
import dev.servicekit.registry.internal.CheckDefinition.HttpCheck;
import dev.servicekit.registry.internal.CheckDefinition.TtlCheck;
import java.net.URI;
import java.time.Duration;

/**
 * How the agent checks this instance ({@code servicekit.registry.check.*}, {@code
 * deregister-critical-after}) and how often the registrar confirms the registration ({@code
 * verify-interval}, {@code check.heartbeat}).
 *
 * @param interval how often the agent polls the readiness endpoint (HTTP check)
 * @param timeout how long the agent waits for the readiness endpoint (HTTP check)
 * @param ttl how long a TTL pass lasts
 * @param heartbeat how often the service passes its TTL check; shorter than {@code ttl}
 * @param path the readiness path on the management endpoint (HTTP check)
 * @param verifyInterval how often the registration is looked up when the agent polls (HTTP check)
 */
record CheckSettings(
    Type type,
    Duration interval,
    Duration timeout,
    Duration ttl,
    Duration heartbeat,
    String path,
    Duration deregisterCriticalAfter,
    Duration verifyInterval) {

  /** The configured kind of check ({@code servicekit.registry.check.type}). */
  enum Type {
    /** The agent polls the management readiness endpoint. */
    HTTP,
    /** The service reports itself passing at a fraction of the TTL. */
    TTL
  }

  static CheckSettings read(RegistryKeys keys) {
    Type type = keys.enumValue("check.type", Type.class, Type.HTTP);
    Duration interval = keys.positive("check.interval", Duration.ofSeconds(10));
    Duration timeout = keys.positive("check.timeout", Duration.ofSeconds(5));
    Duration ttl = keys.positive("check.ttl", Duration.ofSeconds(15));
    Duration heartbeat = keys.positive("check.heartbeat", ttl.dividedBy(3));
    if (type == Type.TTL && heartbeat.compareTo(ttl) >= 0) {
      String expected = "a duration shorter than check.ttl (" + ttl + ")";
      throw keys.find("check.heartbeat")
          .map(h -> h.error(expected))
          .orElseGet(
              () ->
                  new ConfigException(
                      RegistryKeys.PREFIX + "check.heartbeat",
                      heartbeat.toString(),
                      "default, a third of check.ttl",
                      expected));
    }
    String path = keys.string("check.path", "/health/ready");
    Duration deregisterCriticalAfter =
        keys.positive("deregister-critical-after", Duration.ofMinutes(1));
    Duration verifyInterval =
        keys.positive("verify-interval", type == Type.TTL ? heartbeat : interval);
    return new CheckSettings(
        type, interval, timeout, ttl, heartbeat, path, deregisterCriticalAfter, verifyInterval);
  }

  /** The check to register for an instance whose management endpoint is at {@code management}. */
  CheckDefinition definition(String checkId, URI management) {
    if (type == Type.TTL) {
      return new TtlCheck(checkId, ttl, deregisterCriticalAfter);
    }
    String base = management.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String url = base + (path.startsWith("/") ? path : "/" + path);
    return new HttpCheck(checkId, url, interval, timeout, deregisterCriticalAfter);
  }
}
