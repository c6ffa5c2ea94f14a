package dev.servicekit.registry.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What this service registers: Consul's agent service definition with one check.
 *
 * @param checkHttp the URL the agent polls; null for a TTL check
 */
record Registration(
    String id,
    String name,
    String address,
    int port,
    List<String> tags,
    Map<String, String> meta,
    String checkId,
    String checkHttp,
    Duration checkInterval,
    Duration checkTimeout,
    Duration ttl,
    Duration deregisterCriticalAfter) {

  Registration {
    tags = List.copyOf(tags);
    meta = Map.copyOf(meta);
  }

  boolean ttlCheck() {
    return checkHttp == null;
  }

  /** The JSON body of {@code PUT /v1/agent/service/register}. */
  String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("ID", id);
    o.addProperty("Name", name);
    o.addProperty("Address", address);
    o.addProperty("Port", port);
    JsonArray t = new JsonArray();
    tags.forEach(t::add);
    o.add("Tags", t);
    JsonObject m = new JsonObject();
    meta.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> m.addProperty(e.getKey(), e.getValue()));
    o.add("Meta", m);
    JsonObject check = new JsonObject();
    check.addProperty("CheckID", checkId);
    check.addProperty("Name", "servicekit " + (ttlCheck() ? "heartbeat" : "readiness"));
    if (ttlCheck()) {
      check.addProperty("TTL", go(ttl));
    } else {
      check.addProperty("HTTP", checkHttp);
      check.addProperty("Method", "GET");
      check.addProperty("Interval", go(checkInterval));
      check.addProperty("Timeout", go(checkTimeout));
    }
    check.addProperty("DeregisterCriticalServiceAfter", go(deregisterCriticalAfter));
    o.add("Check", check);
    return o.toString();
  }

  /** A duration the way Consul writes it: {@code 1500ms}, {@code 10s}. */
  static String go(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
