package dev.servicekit.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Who the service is, as far as it is known: name, version, deployment environment and instance id.
 * Each part is optional; {@link #NONE} knows nothing. Immutable.
 *
 * <p>A started runtime publishes its complete identity through {@link ProcessConfig#publish};
 * before that, {@link IdentityChain#resolve} gives what system properties and the environment say.
 */
public final class ServiceIdentity {

  /** An identity with no part known. */
  public static final ServiceIdentity NONE = new ServiceIdentity(null, null, null, null);

  private final String name;
  private final String version;
  private final String environment;
  private final String instanceId;

  private ServiceIdentity(String name, String version, String environment, String instanceId) {
    this.name = blankToNull(name);
    this.version = blankToNull(version);
    this.environment = blankToNull(environment);
    this.instanceId = blankToNull(instanceId);
  }

  /** An identity from its parts; a null or blank part is unknown. */
  public static ServiceIdentity of(
      String name, String version, String environment, String instanceId) {
    return new ServiceIdentity(name, version, environment, instanceId);
  }

  /** The logical service name, for example {@code orders}. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The service's version. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** The deployment environment, for example {@code prod}. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** The id of this running instance, for example {@code orders-node7-1a2b3c4d}. */
  public Optional<String> instanceId() {
    return Optional.ofNullable(instanceId);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceIdentity other
        && Objects.equals(name, other.name)
        && Objects.equals(version, other.version)
        && Objects.equals(environment, other.environment)
        && Objects.equals(instanceId, other.instanceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, environment, instanceId);
  }

  @Override
  public String toString() {
    return "ServiceIdentity[name="
        + name
        + ", version="
        + version
        + ", environment="
        + environment
        + ", instanceId="
        + instanceId
        + "]";
  }
}
