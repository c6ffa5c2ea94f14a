package dev.servicekit.testing.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the body of {@code PUT /v1/agent/service/register} into a {@link ServiceDefinition},
 * validating it as Consul does and failing with Consul's 400 messages.
 *
 * <p>Keys match case-insensitively (as Go's JSON decoder does) and snake_case spellings are
 * accepted (as Consul translates them). Unknown keys are ignored. Durations are Go duration strings
 * or numbers of nanoseconds.
 */
public final class RegistrationDecoder {
  private static final Pattern META_KEY = Pattern.compile("^[a-zA-Z0-9_-]+$");
  private static final int META_MAX_PAIRS = 64;
  private static final int META_MAX_KEY = 128;
  private static final int META_MAX_VALUE = 512;

  private RegistrationDecoder() {}

  /**
   * Decodes and validates a registration body.
   *
   * @param body the request body
   * @return the definition
   * @throws ApiException 400 with Consul's reason when the body is invalid
   */
  public static ServiceDefinition decode(String body) {
    Map<String, Object> raw;
    try {
      Object parsed = JsonParser.parse(body);
      if (!(parsed instanceof Map)) {
        throw new ApiException(
            400,
            "Request decode failed: json: cannot unmarshal "
                + JsonParser.typeName(parsed)
                + " into Go value of type structs.ServiceDefinition");
      }
      raw = normalise(asMap(parsed));
    } catch (JsonException e) {
      throw ApiException.badRequest("Request decode failed: " + e.getMessage());
    }
    String name = string(raw, "name", "ServiceDefinition.Name");
    String id = string(raw, "id", "ServiceDefinition.ID");
    String address = string(raw, "address", "ServiceDefinition.Address");
    int port = integer(raw, "port", "ServiceDefinition.Port", 0);
    List<String> tags = stringList(raw, "tags", "ServiceDefinition.Tags");
    Map<String, String> meta = stringMap(raw, "meta", "ServiceDefinition.Meta");
    boolean enableTagOverride =
        bool(raw, "enabletagoverride", "ServiceDefinition.EnableTagOverride");
    int weightPassing = 1;
    int weightWarning = 1;
    Map<String, Object> weights = object(raw, "weights", "ServiceDefinition.Weights");
    if (weights != null) {
      weightPassing = integer(weights, "passing", "ServiceDefinition.Weights.Passing", 0);
      weightWarning = integer(weights, "warning", "ServiceDefinition.Weights.Warning", 0);
    }
    List<Map<String, Object>> rawChecks = new ArrayList<>();
    Map<String, Object> check = object(raw, "check", "ServiceDefinition.Check");
    if (check != null) {
      rawChecks.add(check);
    }
    Object checks = raw.get("checks");
    if (checks != null) {
      if (!(checks instanceof List)) {
        throw typeError(checks, "ServiceDefinition.Checks", "structs.CheckTypes");
      }
      for (Object item : (List<?>) checks) {
        if (item == null) {
          continue;
        }
        if (!(item instanceof Map)) {
          throw typeError(item, "ServiceDefinition.Checks", "structs.CheckType");
        }
        rawChecks.add(normalise(asMap(item)));
      }
    }
    List<CheckDefinition> checkDefinitions = new ArrayList<>();
    for (Map<String, Object> c : rawChecks) {
      if (!c.isEmpty()) {
        checkDefinitions.add(decodeCheck(c));
      }
    }

    if (name.isEmpty()) {
      throw ApiException.badRequest("Missing service name");
    }
    if (address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")) {
      throw ApiException.badRequest("Invalid service address");
    }
    if (weights != null) {
      if (weightPassing < 1) {
        throw ApiException.badRequest("Invalid Weights: Passing must be greater than 0");
      }
      if (weightWarning < 0) {
        throw ApiException.badRequest("Invalid Weights: Warning must be greater or equal than 0");
      }
    }
    validateMeta(meta);
    for (CheckDefinition c : checkDefinitions) {
      validateCheck(c);
    }
    for (CheckDefinition c : checkDefinitions) {
      if (!c.status().isEmpty() && !isValidStatus(c.status())) {
        throw ApiException.badRequest("Status for checks must 'passing', 'warning', 'critical'");
      }
    }
    return new ServiceDefinition(
        id.isEmpty() ? name : id,
        name,
        Collections.unmodifiableList(tags),
        address,
        port,
        Collections.unmodifiableMap(meta),
        weightPassing,
        weightWarning,
        enableTagOverride,
        List.copyOf(checkDefinitions));
  }

  /**
   * Whether Consul accepts the text as a check status.
   *
   * @param status a status
   * @return true for {@code passing}, {@code warning} and {@code critical}
   */
  public static boolean isValidStatus(String status) {
    return status.equals("passing") || status.equals("warning") || status.equals("critical");
  }

  /**
   * A check registered on its own through {@code PUT /v1/agent/check/register}.
   *
   * @param serviceId the {@code ServiceID} it belongs to, empty for a node check
   * @param definition the check; its {@code checkId} defaults to the name
   */
  public record StandaloneCheck(String serviceId, CheckDefinition definition) {}

  /**
   * Decodes and validates the body of {@code PUT /v1/agent/check/register}.
   *
   * @param body the request body
   * @return the check
   * @throws ApiException 400 with Consul's reason when the body is invalid
   */
  public static StandaloneCheck decodeCheckRegistration(String body) {
    Map<String, Object> raw;
    try {
      Object parsed = JsonParser.parse(body);
      if (!(parsed instanceof Map)) {
        throw ApiException.badRequest(
            "Request decode failed: json: cannot unmarshal "
                + JsonParser.typeName(parsed)
                + " into Go value of type structs.CheckDefinition");
      }
      raw = normalise(asMap(parsed));
    } catch (JsonException e) {
      throw ApiException.badRequest("Request decode failed: " + e.getMessage());
    }
    String id = string(raw, "id", "CheckDefinition.ID");
    if (!id.isEmpty()) {
      raw.put("checkid", id);
    }
    String serviceId = string(raw, "serviceid", "CheckDefinition.ServiceID");
    CheckDefinition def = decodeCheck(raw, "CheckDefinition.");
    if (def.name().isEmpty()) {
      throw ApiException.badRequest("Missing check name");
    }
    if (!def.status().isEmpty() && !isValidStatus(def.status())) {
      throw ApiException.badRequest("Bad check status");
    }
    validateCheck(def);
    if (def.checkId().isEmpty()) {
      def =
          new CheckDefinition(
              def.name(),
              def.name(),
              def.notes(),
              def.status(),
              def.http(),
              def.method(),
              def.header(),
              def.body(),
              def.tcp(),
              def.interval(),
              def.timeout(),
              def.ttl(),
              def.deregisterCriticalServiceAfter());
    }
    return new StandaloneCheck(serviceId, def);
  }

  private static CheckDefinition decodeCheck(Map<String, Object> c) {
    return decodeCheck(c, "ServiceDefinition.Check.");
  }

  private static CheckDefinition decodeCheck(Map<String, Object> c, String where) {
    for (String unsupported :
        new String[] {"grpc", "h2ping", "udp", "dockercontainerid", "aliasservice", "aliasnode"}) {
      Object v = c.get(unsupported);
      if (v instanceof String && !((String) v).isEmpty()) {
        throw ApiException.badRequest(
            "Invalid check: LocalConsul does not run "
                + unsupported.toUpperCase(Locale.ROOT)
                + " checks (only HTTP, TCP and TTL)");
      }
    }
    Object args = c.containsKey("args") ? c.get("args") : c.get("scriptargs");
    if (args instanceof List && !((List<?>) args).isEmpty()) {
      throw new ApiException(
          500,
          "Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or"
              + " 'enable_local_script_checks' to true");
    }
    Map<String, List<String>> header = new LinkedHashMap<>();
    Object rawHeader = c.get("header");
    if (rawHeader != null) {
      if (!(rawHeader instanceof Map)) {
        throw typeError(rawHeader, where + "Header", "map[string][]string");
      }
      for (Map.Entry<String, Object> e : asMap(rawHeader).entrySet()) {
        Object values = e.getValue();
        if (values == null) {
          header.put(e.getKey(), List.of());
          continue;
        }
        if (!(values instanceof List)) {
          throw typeError(values, where + "Header", "[]string");
        }
        List<String> list = new ArrayList<>();
        for (Object v : (List<?>) values) {
          if (!(v instanceof String)) {
            throw typeError(v, where + "Header", "string");
          }
          list.add((String) v);
        }
        header.put(e.getKey(), List.copyOf(list));
      }
    }
    return new CheckDefinition(
        string(c, "checkid", where + "CheckID"),
        string(c, "name", where + "Name"),
        string(c, "notes", where + "Notes"),
        string(c, "status", where + "Status"),
        string(c, "http", where + "HTTP"),
        string(c, "method", where + "Method"),
        Collections.unmodifiableMap(header),
        string(c, "body", where + "Body"),
        string(c, "tcp", where + "TCP"),
        duration(c, "interval"),
        duration(c, "timeout"),
        duration(c, "ttl"),
        duration(c, "deregistercriticalserviceafter"));
  }

  private static void validateCheck(CheckDefinition c) {
    boolean intervalCheck = !c.http().isEmpty() || !c.tcp().isEmpty();
    boolean hasInterval = c.interval().compareTo(Duration.ZERO) > 0;
    boolean hasTtl = c.ttl().compareTo(Duration.ZERO) > 0;
    if (hasInterval && hasTtl) {
      throw ApiException.badRequest("Invalid check: Interval and TTL cannot both be specified");
    }
    if (intervalCheck && !hasInterval) {
      throw ApiException.badRequest(
          "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or GRPC checks");
    }
    if (!intervalCheck && !hasTtl) {
      throw ApiException.badRequest("Invalid check: TTL must be > 0 for TTL checks");
    }
  }

  private static void validateMeta(Map<String, String> meta) {
    if (meta.size() > META_MAX_PAIRS) {
      throw ApiException.badRequest(
          "Invalid Service Meta: Node metadata cannot contain more than "
              + META_MAX_PAIRS
              + " key/value pairs");
    }
    for (Map.Entry<String, String> e : meta.entrySet()) {
      String problem = null;
      String key = e.getKey();
      if (key.isEmpty()) {
        problem = "Key cannot be blank";
      } else if (!META_KEY.matcher(key).matches()) {
        problem = "Key contains invalid characters";
      } else if (key.length() > META_MAX_KEY) {
        problem = "Key is too long (limit: " + META_MAX_KEY + " characters)";
      } else if (key.startsWith("consul-")) {
        problem = "Key prefix 'consul-' is reserved for internal use";
      } else if (e.getValue().length() > META_MAX_VALUE) {
        problem = "Value is too long (limit: " + META_MAX_VALUE + " characters)";
      }
      if (problem != null) {
        throw ApiException.badRequest(
            "Invalid Service Meta: Couldn't load metadata pair ('"
                + key
                + "', '"
                + e.getValue()
                + "'): "
                + problem);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> normalise(Map<String, Object> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      out.put(e.getKey().toLowerCase(Locale.ROOT).replace("_", ""), e.getValue());
    }
    return out;
  }

  private static String string(Map<String, Object> m, String key, String field) {
    Object v = m.get(key);
    if (v == null) {
      return "";
    }
    if (!(v instanceof String)) {
      throw typeError(v, field, "string");
    }
    return (String) v;
  }

  private static boolean bool(Map<String, Object> m, String key, String field) {
    Object v = m.get(key);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean)) {
      throw typeError(v, field, "bool");
    }
    return (Boolean) v;
  }

  private static int integer(Map<String, Object> m, String key, String field, int absent) {
    Object v = m.get(key);
    if (v == null) {
      return absent;
    }
    if (v instanceof Long) {
      long l = (Long) v;
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return (int) l;
      }
    }
    if (v instanceof Long || v instanceof BigDecimal) {
      throw ApiException.badRequest(
          "Request decode failed: json: cannot unmarshal number "
              + v
              + " into Go struct field "
              + field
              + " of type int");
    }
    throw typeError(v, field, "int");
  }

  private static Map<String, Object> object(Map<String, Object> m, String key, String field) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw typeError(v, field, "object");
    }
    return normalise(asMap(v));
  }

  private static List<String> stringList(Map<String, Object> m, String key, String field) {
    Object v = m.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List)) {
      throw typeError(v, field, "[]string");
    }
    for (Object item : (List<?>) v) {
      if (!(item instanceof String)) {
        throw typeError(item, field, "string");
      }
      out.add((String) item);
    }
    return out;
  }

  private static Map<String, String> stringMap(Map<String, Object> m, String key, String field) {
    Object v = m.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map)) {
      throw typeError(v, field, "map[string]string");
    }
    for (Map.Entry<String, Object> e : asMap(v).entrySet()) {
      if (!(e.getValue() instanceof String)) {
        throw typeError(e.getValue(), field, "string");
      }
      out.put(e.getKey(), (String) e.getValue());
    }
    return out;
  }

  private static Duration duration(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return Duration.ZERO;
    }
    if (v instanceof String) {
      if (((String) v).isEmpty()) {
        return Duration.ZERO;
      }
      try {
        return GoDuration.parse((String) v);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("Request decode failed: " + e.getMessage());
      }
    }
    if (v instanceof Long) {
      return Duration.ofNanos((Long) v);
    }
    if (v instanceof BigDecimal) {
      return Duration.ofNanos(((BigDecimal) v).longValue());
    }
    throw ApiException.badRequest(
        "Request decode failed: cannot decode "
            + JsonParser.typeName(v)
            + " into a duration for '"
            + key
            + "'");
  }

  private static ApiException typeError(Object value, String field, String goType) {
    return ApiException.badRequest(
        "Request decode failed: json: cannot unmarshal "
            + JsonParser.typeName(value)
            + " into Go struct field "
            + field
            + " of type "
            + goType);
  }
}
