package dev.servicekit.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The identity a service runs under and advertises: who it is, which instance, and where it can be
 * reached.
 *
 * <p>Resolved once when the runtime starts and immutable afterwards. {@code port} is the port the
 * service itself listens on (0 when it has none); {@code address} is the advertised, normally
 * non-loopback, address.
 *
 * @param name logical service name, for example {@code orders}
 * @param version the service's own version, {@code unknown} when not configured
 * @param instanceId unique per host and stable for the life of the process
 * @param environment deployment environment, for example {@code prod}
 * @param address advertised host address
 * @param port the port the service listens on
 * @param tags registry tags, in order
 * @param meta registry metadata, in insertion order
 */
public record ServiceInfo(
    String name,
    String version,
    String instanceId,
    String environment,
    String address,
    int port,
    List<String> tags,
    Map<String, String> meta) {

  /**
   * Validates and copies the collections.
   *
   * @param name logical service name, for example {@code orders}
   * @param version the service's own version, {@code unknown} when not configured
   * @param instanceId unique per host and stable for the life of the process
   * @param environment deployment environment, for example {@code prod}
   * @param address advertised host address
   * @param port the port the service listens on, from 0 to 65535
   * @param tags registry tags, in order; copied
   * @param meta registry metadata, in insertion order; copied
   */
  public ServiceInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    tags = List.copyOf(tags);
    Map<String, String> copy = new LinkedHashMap<>();
    meta.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "meta key"), Objects.requireNonNull(v, k)));
    meta = Collections.unmodifiableMap(copy);
  }
}
