package dev.servicekit.testing.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One check as registered through a service's {@code Check} or {@code Checks}.
 *
 * @param checkId the requested {@code CheckID}, empty when Consul should derive it
 * @param name the requested {@code Name}, empty when Consul should derive it
 * @param notes {@code Notes}
 * @param status the initial {@code Status}, empty for Consul's default ({@code critical})
 * @param http the {@code HTTP} URL, empty unless an HTTP check
 * @param method the {@code Method}, empty for GET
 * @param header the {@code Header} map
 * @param body the {@code Body} sent by an HTTP check
 * @param tcp the {@code TCP} address, empty unless a TCP check
 * @param interval the {@code Interval}, zero when absent
 * @param timeout the {@code Timeout}, zero when absent
 * @param ttl the {@code TTL}, zero when absent
 * @param deregisterCriticalServiceAfter {@code DeregisterCriticalServiceAfter}, zero when absent
 * @param successBeforePassing {@code SuccessBeforePassing}: consecutive passing results needed
 *     before the status turns passing (0 and 1 mean at once)
 * @param failuresBeforeWarning {@code FailuresBeforeWarning}: consecutive failures needed before
 *     the status turns warning (0: same as {@code failuresBeforeCritical})
 * @param failuresBeforeCritical {@code FailuresBeforeCritical}: consecutive failures needed before
 *     the status turns critical (0 and 1 mean at once)
 */
public record CheckDefinition(
    String checkId,
    String name,
    String notes,
    String status,
    String http,
    String method,
    Map<String, List<String>> header,
    String body,
    String tcp,
    Duration interval,
    Duration timeout,
    Duration ttl,
    Duration deregisterCriticalServiceAfter,
    int successBeforePassing,
    int failuresBeforeWarning,
    int failuresBeforeCritical) {

  /**
   * A check without result thresholds.
   *
   * @param checkId the requested {@code CheckID}
   * @param name the requested {@code Name}
   * @param notes {@code Notes}
   * @param status the initial {@code Status}
   * @param http the {@code HTTP} URL
   * @param method the {@code Method}
   * @param header the {@code Header} map
   * @param body the {@code Body}
   * @param tcp the {@code TCP} address
   * @param interval the {@code Interval}
   * @param timeout the {@code Timeout}
   * @param ttl the {@code TTL}
   * @param deregisterCriticalServiceAfter {@code DeregisterCriticalServiceAfter}
   */
  public CheckDefinition(
      String checkId,
      String name,
      String notes,
      String status,
      String http,
      String method,
      Map<String, List<String>> header,
      String body,
      String tcp,
      Duration interval,
      Duration timeout,
      Duration ttl,
      Duration deregisterCriticalServiceAfter) {
    this(
        checkId,
        name,
        notes,
        status,
        http,
        method,
        header,
        body,
        tcp,
        interval,
        timeout,
        ttl,
        deregisterCriticalServiceAfter,
        0,
        0,
        0);
  }

  /**
   * The same check with another ID, name and initial status.
   *
   * @param newId the check ID
   * @param newName the name
   * @param newStatus the initial status
   * @return the copy
   */
  public CheckDefinition withIdNameStatus(String newId, String newName, String newStatus) {
    return new CheckDefinition(
        newId,
        newName,
        notes,
        newStatus,
        http,
        method,
        header,
        body,
        tcp,
        interval,
        timeout,
        ttl,
        deregisterCriticalServiceAfter,
        successBeforePassing,
        failuresBeforeWarning,
        failuresBeforeCritical);
  }

  /**
   * Consul's check type name.
   *
   * @return {@code http}, {@code tcp} or {@code ttl}
   */
  public String type() {
    if (!http.isEmpty()) {
      return "http";
    }
    if (!tcp.isEmpty()) {
      return "tcp";
    }
    return "ttl";
  }
}
