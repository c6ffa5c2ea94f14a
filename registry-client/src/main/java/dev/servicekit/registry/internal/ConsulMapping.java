package dev.servicekit.registry.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.servicekit.registry.ServiceInstance;
import dev.servicekit.registry.internal.CheckDefinition.HttpCheck;
import dev.servicekit.registry.internal.CheckDefinition.TtlCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consul's wire forms of our model: the service definition we register, the health answer we read,
 * durations and path segments. The one place that reads or writes Consul's JSON.
 */
final class ConsulMapping {

  private static final Comparator<ServiceInstance> BY_ID =
      Comparator.comparing(ServiceInstance::id);

  private ConsulMapping() {}

  /** The JSON body of {@code PUT /v1/agent/service/register}. */
  static String registrationJson(Registration registration) {
    JsonObject o = new JsonObject();
    o.addProperty("ID", registration.id());
    o.addProperty("Name", registration.name());
    o.addProperty("Address", registration.address());
    o.addProperty("Port", registration.port());
    JsonArray t = new JsonArray();
    registration.tags().forEach(t::add);
    o.add("Tags", t);
    JsonObject m = new JsonObject();
    registration.meta().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> m.addProperty(e.getKey(), e.getValue()));
    o.add("Meta", m);
    o.add("Check", checkJson(registration.check()));
    return o.toString();
  }

  private static JsonObject checkJson(CheckDefinition definition) {
    JsonObject check = definition.match(ConsulMapping::httpCheck, ConsulMapping::ttlCheck);
    check.addProperty(
        "DeregisterCriticalServiceAfter", duration(definition.deregisterCriticalAfter()));
    return check;
  }

  private static JsonObject httpCheck(HttpCheck http) {
    JsonObject check = named(http, "servicekit readiness");
    check.addProperty("HTTP", http.url());
    check.addProperty("Method", "GET");
    check.addProperty("Interval", duration(http.interval()));
    check.addProperty("Timeout", duration(http.timeout()));
    return check;
  }

  private static JsonObject ttlCheck(TtlCheck ttl) {
    JsonObject check = named(ttl, "servicekit heartbeat");
    check.addProperty("TTL", duration(ttl.ttl()));
    return check;
  }

  private static JsonObject named(CheckDefinition definition, String name) {
    JsonObject check = new JsonObject();
    check.addProperty("CheckID", definition.id());
    check.addProperty("Name", name);
    return check;
  }

  /** A duration the way Consul writes it: {@code 1500ms}, {@code 10s}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  /**
   * The instances of a {@code GET /v1/health/service/:name} answer whose checks all pass and that
   * have an address (the service's, else its node's), sorted by ID.
   *
   * @param serviceName used where an entry does not name its service
   * @param body the answer; null counts as an empty array
   * @throws AgentException when the answer is not the expected JSON
   */
  static List<ServiceInstance> passingInstances(String serviceName, String body)
      throws AgentException {
    try {
      JsonElement root = JsonParser.parseString(body == null ? "[]" : body);
      if (!root.isJsonArray()) {
        throw new AgentException(200, "health query: answer is not a JSON array");
      }
      List<ServiceInstance> out = new ArrayList<>();
      for (JsonElement e : root.getAsJsonArray()) {
        JsonObject entry = e.getAsJsonObject();
        if (!allPassing(entry.get("Checks"))) {
          continue;
        }
        JsonObject service = entry.getAsJsonObject("Service");
        JsonObject node = obj(entry, "Node");
        String address = str(service, "Address");
        if (address.isEmpty() && node != null) {
          address = str(node, "Address");
        }
        if (address.isEmpty()) {
          continue;
        }
        List<String> tags = new ArrayList<>();
        JsonElement t = service.get("Tags");
        if (t != null && t.isJsonArray()) {
          t.getAsJsonArray().forEach(x -> tags.add(x.getAsString()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        JsonObject m = obj(service, "Meta");
        if (m != null) {
          m.entrySet().forEach(x -> meta.put(x.getKey(), x.getValue().getAsString()));
        }
        String name = str(service, "Service");
        out.add(
            ServiceInstance.of(
                str(service, "ID"),
                name.isEmpty() ? serviceName : name,
                address,
                service.has("Port") ? service.get("Port").getAsInt() : 0,
                tags,
                meta));
      }
      out.sort(BY_ID);
      return List.copyOf(out);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new AgentException(
          200, "health query: malformed answer (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static boolean allPassing(JsonElement checks) {
    if (checks == null || !checks.isJsonArray()) {
      return true;
    }
    for (JsonElement c : checks.getAsJsonArray()) {
      if (!"passing".equals(str(c.getAsJsonObject(), "Status"))) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject obj(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  private static String str(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? "" : e.getAsString();
  }

  /** Percent-encodes one path segment (Consul names and IDs are normally plain already). */
  static String pathSegment(String s) {
    StringBuilder sb = null;
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == ':';
      if (plain && sb == null) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
      }
      if (plain) {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb == null ? s : sb.toString();
  }
}
