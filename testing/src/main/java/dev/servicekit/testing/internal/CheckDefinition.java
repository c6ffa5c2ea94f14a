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
    Duration deregisterCriticalServiceAfter) {

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
