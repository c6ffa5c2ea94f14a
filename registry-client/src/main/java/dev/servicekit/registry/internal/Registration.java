package dev.servicekit.registry.internal;

import java.util.List;
import java.util.Map;

/**
 * What this service registers: Consul's agent service definition with one check. Its JSON form is
 * {@link ConsulMapping#registrationJson}.
 */
record Registration(
    String id,
    String name,
    String address,
    int port,
    List<String> tags,
    Map<String, String> meta,
    CheckDefinition check) {

  Registration {
    tags = List.copyOf(tags);
    meta = Map.copyOf(meta);
  }
}
