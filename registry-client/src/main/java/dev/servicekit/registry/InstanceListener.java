package dev.servicekit.registry;

import java.util.List;

/**
 * Told when the healthy instances of a watched service change.
 *
 * <p>Called on the service's watch thread, one call at a time per service; a listener should return
 * quickly. An exception thrown by a listener is logged and otherwise ignored.
 */
@FunctionalInterface
public interface InstanceListener {

  /**
   * The healthy set changed.
   *
   * @param serviceName the watched service
   * @param instances the new healthy instances, unmodifiable, sorted by ID
   */
  void instancesChanged(String serviceName, List<ServiceInstance> instances);
}
