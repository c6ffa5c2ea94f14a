package dev.servicekit.config;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

  private final @Nullable String name;
  private final @Nullable String version;
  private final @Nullable String environment;
  private final @Nullable String instanceId;

  private ServiceIdentity(
      @Nullable String name,
      @Nullable String version,
      @Nullable String environment,
      @Nullable String instanceId) {
    this.name = blankToNull(name);
    this.version = blankToNull(version);
    this.environment = blankToNull(environment);
    this.instanceId = blankToNull(instanceId);
  }

  /**
   * An identity from its parts; a null or blank part is unknown.
   *
   * @param name the logical service name, or null
   * @param version the service version, or null
   * @param environment the deployment environment, or null
   * @param instanceId the id of this running instance, or null
   * @return the identity; equal to {@link #NONE} when every part is unknown
   */
  public static ServiceIdentity of(
      @Nullable String name,
      @Nullable String version,
      @Nullable String environment,
      @Nullable String instanceId) {
    return new ServiceIdentity(name, version, environment, instanceId);
  }

  /**
   * The logical service name, for example {@code orders}.
   *
   * @return the trimmed name, or empty when unknown
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The service's version.
   *
   * @return the trimmed version, or empty when unknown
   */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * The deployment environment, for example {@code prod}.
   *
   * @return the trimmed environment, or empty when unknown
   */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * The id of this running instance, for example {@code orders-node7-1a2b3c4d}.
   *
   * @return the trimmed instance id, or empty when unknown
   */
  public Optional<String> instanceId() {
    return Optional.ofNullable(instanceId);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public boolean equals(@Nullable Object o) {
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
