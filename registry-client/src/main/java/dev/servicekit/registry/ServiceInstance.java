package dev.servicekit.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One healthy instance of a service as the registry reports it.
 *
 * <p>Immutable. {@link #address()} is the service's own advertised address, or the node's address
 * when the service registered none. {@link #uri()} is {@code http://address:port} (or the scheme
 * named by the {@code scheme} metadata entry), computed once.
 *
 * <pre>{@code
 * URI target = discovery.choose("inventory").orElseThrow().uri().resolve("/items");
 * }</pre>
 */
public final class ServiceInstance {

  private final String id;
  private final String name;
  private final String address;
  private final int port;
  private final List<String> tags;
  private final Map<String, String> meta;
  private final URI uri;

  private ServiceInstance(
      String id,
      String name,
      String address,
      int port,
      List<String> tags,
      Map<String, String> meta) {
    this.id = Objects.requireNonNull(id, "id");
    this.name = Objects.requireNonNull(name, "name");
    this.address = Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    this.port = port;
    this.tags = List.copyOf(tags);
    this.meta = Map.copyOf(meta);
    String scheme = this.meta.getOrDefault("scheme", "http");
    String host =
        address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
    this.uri = URI.create(scheme + "://" + host + ":" + port);
  }

  /**
   * Creates an instance.
   *
   * @param id the registry's service ID, unique per agent
   * @param name the logical service name
   * @param address host name or IP address (IPv6 without brackets)
   * @param port the service port
   * @param tags registry tags
   * @param meta registry metadata
   * @return the instance
   */
  public static ServiceInstance of(
      String id,
      String name,
      String address,
      int port,
      List<String> tags,
      Map<String, String> meta) {
    return new ServiceInstance(id, name, address, port, tags, meta);
  }

  /**
   * The registry's service ID.
   *
   * @return unique among the instances of the service, for example {@code orders-node7-1a2b3c4d}
   */
  public String id() {
    return id;
  }

  /**
   * The logical service name.
   *
   * @return for example {@code orders}
   */
  public String name() {
    return name;
  }

  /**
   * Host name or IP address to connect to.
   *
   * @return as registered; an IPv6 literal has no brackets
   */
  public String address() {
    return address;
  }

  /**
   * The port the instance listens on.
   *
   * @return from 0 to 65535; 0 when the instance registered no port
   */
  public int port() {
    return port;
  }

  /**
   * Registry tags, unmodifiable.
   *
   * @return the tags in registry order
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * Registry metadata, unmodifiable.
   *
   * @return the metadata by key
   */
  public Map<String, String> meta() {
    return meta;
  }

  /**
   * Base URI of the instance, for example {@code http://10.0.0.7:8080}.
   *
   * @return the URI, computed once; IPv6 addresses are bracketed
   */
  public URI uri() {
    return uri;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ServiceInstance other
        && id.equals(other.id)
        && name.equals(other.name)
        && address.equals(other.address)
        && port == other.port
        && tags.equals(other.tags)
        && meta.equals(other.meta);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, address, port, tags, meta);
  }

  @Override
  public String toString() {
    return "ServiceInstance[" + name + " " + id + " " + uri + " tags=" + tags + "]";
  }
}
