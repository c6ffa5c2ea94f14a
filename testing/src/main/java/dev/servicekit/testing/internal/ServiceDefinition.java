package dev.servicekit.testing.internal;

import java.util.List;
import java.util.Map;

/**
 * A service as registered through {@code PUT /v1/agent/service/register}, after validation.
 *
 * @param id the service ID ({@code ID}, defaulting to the name)
 * @param name {@code Name}
 * @param tags {@code Tags}
 * @param address {@code Address}, possibly empty
 * @param port {@code Port}
 * @param meta {@code Meta}
 * @param weightPassing {@code Weights.Passing}
 * @param weightWarning {@code Weights.Warning}
 * @param enableTagOverride {@code EnableTagOverride}
 * @param checks the checks from {@code Check} and {@code Checks}, in that order
 * @param taggedAddresses {@code TaggedAddresses} as the agent fills them, sorted by tag
 */
public record ServiceDefinition(
    String id,
    String name,
    List<String> tags,
    String address,
    int port,
    Map<String, String> meta,
    int weightPassing,
    int weightWarning,
    boolean enableTagOverride,
    List<CheckDefinition> checks,
    Map<String, TaggedAddress> taggedAddresses) {

  /**
   * One of {@code TaggedAddresses} (Consul's {@code structs.ServiceAddress}).
   *
   * @param address {@code Address}
   * @param port {@code Port}
   */
  public record TaggedAddress(String address, int port) {}

  /**
   * A service without tagged addresses.
   *
   * @param id the service ID
   * @param name {@code Name}
   * @param tags {@code Tags}
   * @param address {@code Address}
   * @param port {@code Port}
   * @param meta {@code Meta}
   * @param weightPassing {@code Weights.Passing}
   * @param weightWarning {@code Weights.Warning}
   * @param enableTagOverride {@code EnableTagOverride}
   * @param checks the checks
   */
  public ServiceDefinition(
      String id,
      String name,
      List<String> tags,
      String address,
      int port,
      Map<String, String> meta,
      int weightPassing,
      int weightWarning,
      boolean enableTagOverride,
      List<CheckDefinition> checks) {
    this(
        id,
        name,
        tags,
        address,
        port,
        meta,
        weightPassing,
        weightWarning,
        enableTagOverride,
        checks,
        Map.of());
  }

  /**
   * Whether everything that the catalog stores for the service (not its checks) is equal.
   *
   * @param other another definition
   * @return true when a re-registration would change nothing in the catalog
   */
  public boolean sameServiceAs(ServiceDefinition other) {
    return id.equals(other.id)
        && name.equals(other.name)
        && tags.equals(other.tags)
        && address.equals(other.address)
        && port == other.port
        && meta.equals(other.meta)
        && weightPassing == other.weightPassing
        && weightWarning == other.weightWarning
        && enableTagOverride == other.enableTagOverride
        && taggedAddresses.equals(other.taggedAddresses);
  }

  /**
   * The same service with other checks.
   *
   * @param newChecks the checks
   * @return the copy
   */
  public ServiceDefinition withChecks(List<CheckDefinition> newChecks) {
    return new ServiceDefinition(
        id,
        name,
        tags,
        address,
        port,
        meta,
        weightPassing,
        weightWarning,
        enableTagOverride,
        List.copyOf(newChecks),
        taggedAddresses);
  }
}
