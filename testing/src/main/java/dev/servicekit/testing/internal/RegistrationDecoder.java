package dev.servicekit.testing.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the body of {@code PUT /v1/agent/service/register} into a {@link ServiceDefinition},
 * validating it as Consul does and failing with Consul's 400 messages.
 *
 * <p>Keys match case-insensitively (as Go's JSON decoder does); snake_case spellings are accepted
 * only for the aliases Consul's structs declare ({@code enable_tag_override}, {@code
 * tagged_addresses}, {@code deregister_critical_service_after}, {@code service_id}, ...). An
 * unknown key is refused as Consul's decoder refuses it ({@code json: unknown field "X"}). A field
 * Consul honours but this agent does not model (Connect, proxies, TLS options of checks, ...) is
 * refused with a 400 that says so, rather than silently ignored. Durations are Go duration strings
 * or numbers of nanoseconds.
 */
final class RegistrationDecoder {
  private static final Pattern META_KEY = Pattern.compile("^[a-zA-Z0-9_-]+$");
  private static final int META_MAX_PAIRS = 64;
  private static final int META_MAX_KEY = 128;
  private static final int META_MAX_VALUE = 512;

  private static final Set<String> SERVICE_FIELDS =
      Set.of(
          "kind",
          "id",
          "name",
          "tags",
          "address",
          "taggedaddresses",
          "meta",
          "port",
          "ports",
          "socketpath",
          "check",
          "checks",
          "weights",
          "token",
          "enabletagoverride",
          "locality",
          "proxy",
          "connect");
  private static final Map<String, String> SERVICE_ALIASES =
      Map.of("enable_tag_override", "enabletagoverride", "tagged_addresses", "taggedaddresses");
  private static final List<String> SERVICE_UNMODELLED =
      List.of("ports", "socketpath", "locality", "proxy", "connect", "token");
  private static final Set<String> CHECK_COMMON_FIELDS =
      Set.of(
          "name",
          "status",
          "notes",
          "scriptargs",
          "http",
          "h2ping",
          "h2pingusetls",
          "header",
          "method",
          "body",
          "disableredirects",
          "tcp",
          "tcpusetls",
          "udp",
          "interval",
          "aliasnode",
          "aliasservice",
          "dockercontainerid",
          "shell",
          "grpc",
          "grpcusetls",
          "osservice",
          "tlsservername",
          "tlsskipverify",
          "timeout",
          "ttl",
          "successbeforepassing",
          "failuresbeforewarning",
          "failuresbeforecritical",
          "deregistercriticalserviceafter",
          "outputmaxsize");
  private static final Set<String> CHECK_TYPE_FIELDS =
      union(CHECK_COMMON_FIELDS, Set.of("checkid", "proxyhttp", "proxygrpc"));
  private static final Set<String> CHECK_DEFINITION_FIELDS =
      union(CHECK_COMMON_FIELDS, Set.of("id", "serviceid", "token"));
  private static final Map<String, String> CHECK_ALIASES =
      Map.ofEntries(
          Map.entry("args", "scriptargs"),
          Map.entry("script_args", "scriptargs"),
          Map.entry("deregister_critical_service_after", "deregistercriticalserviceafter"),
          Map.entry("docker_container_id", "dockercontainerid"),
          Map.entry("tls_server_name", "tlsservername"),
          Map.entry("tls_skip_verify", "tlsskipverify"),
          Map.entry("grpc_use_tls", "grpcusetls"),
          Map.entry("h2ping_use_tls", "h2pingusetls"),
          Map.entry("disable_redirects", "disableredirects"),
          Map.entry("service_id", "serviceid"));
  private static final Map<String, String> CHECK_TYPE_ALIASES = withoutServiceId(CHECK_ALIASES);
  private static final List<String> CHECK_UNMODELLED =
      List.of(
          "h2pingusetls",
          "disableredirects",
          "tcpusetls",
          "grpcusetls",
          "tlsservername",
          "tlsskipverify",
          "outputmaxsize",
          "shell",
          "proxyhttp",
          "proxygrpc",
          "token");
  private static final Set<String> WEIGHTS_FIELDS = Set.of("passing", "warning");
  private static final Set<String> SERVICE_ADDRESS_FIELDS = Set.of("address", "port");

  private RegistrationDecoder() {}

  private static Map<String, String> withoutServiceId(Map<String, String> aliases) {
    Map<String, String> out = new java.util.HashMap<>(aliases);
    out.remove("service_id");
    return Map.copyOf(out);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  /**
   * Matches an object's keys against a Go struct's fields as Consul decodes request bodies: case
   * insensitively, declared snake_case aliases translated (the canonical spelling wins when both
   * are given), anything else refused.
   */
  private static Map<String, Object> strict(
      Map<String, Object> raw, Set<String> fields, Map<String, String> aliases) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> aliased = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String lower = e.getKey().toLowerCase(Locale.ROOT);
      if (fields.contains(lower)) {
        out.put(lower, e.getValue());
      } else if (aliases.containsKey(lower)) {
        aliased.put(aliases.get(lower), e.getValue());
      } else {
        throw ApiException.badRequest(
            "Request decode failed: json: unknown field " + GoQuote.quote(e.getKey()));
      }
    }
    for (Map.Entry<String, Object> e : aliased.entrySet()) {
      if (isUnset(out.get(e.getKey()))) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Whether a decoded value is Go's zero value (or absent), i.e. changes nothing. */
  private static boolean isUnset(Object v) {
    if (v == null) {
      return true;
    }
    if (v instanceof String) {
      return ((String) v).isEmpty();
    }
    if (v instanceof Boolean) {
      return !((Boolean) v);
    }
    if (v instanceof Long) {
      return (Long) v == 0;
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).signum() == 0;
    }
    if (v instanceof List) {
      return ((List<?>) v).isEmpty();
    }
    return v instanceof Map && ((Map<?, ?>) v).isEmpty();
  }

  private static void rejectUnmodelled(
      Map<String, Object> m, List<String> unmodelled, Set<String> fields, String prefix) {
    for (String key : unmodelled) {
      if (!isUnset(m.get(key))) {
        throw ApiException.badRequest(
            prefix + "LocalConsul does not model " + goName(key, fields) + " (field is set)");
      }
    }
  }

  private static final Map<String, String> GO_NAMES =
      Map.ofEntries(
          Map.entry("ports", "Ports"),
          Map.entry("socketpath", "SocketPath"),
          Map.entry("locality", "Locality"),
          Map.entry("proxy", "Proxy"),
          Map.entry("connect", "Connect"),
          Map.entry("token", "Token"),
          Map.entry("h2pingusetls", "H2PingUseTLS"),
          Map.entry("disableredirects", "DisableRedirects"),
          Map.entry("tcpusetls", "TCPUseTLS"),
          Map.entry("grpcusetls", "GRPCUseTLS"),
          Map.entry("tlsservername", "TLSServerName"),
          Map.entry("tlsskipverify", "TLSSkipVerify"),
          Map.entry("outputmaxsize", "OutputMaxSize"),
          Map.entry("shell", "Shell"),
          Map.entry("proxyhttp", "ProxyHTTP"),
          Map.entry("proxygrpc", "ProxyGRPC"));

  private static String goName(String key, Set<String> fields) {
    return GO_NAMES.getOrDefault(key, key);
  }

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
      Object parsed = JsonText.parse(body);
      if (!(parsed instanceof Map)) {
        throw new ApiException(
            400,
            "Request decode failed: json: cannot unmarshal "
                + JsonText.typeName(parsed)
                + " into Go value of type structs.ServiceDefinition");
      }
      raw = strict(asMap(parsed), SERVICE_FIELDS, SERVICE_ALIASES);
    } catch (JsonException e) {
      throw ApiException.badRequest("Request decode failed: " + e.getMessage());
    }
    String kind = string(raw, "kind", "ServiceDefinition.Kind");
    if (!kind.isEmpty()) {
      throw ApiException.badRequest(
          "Invalid service: LocalConsul does not model Kind "
              + GoQuote.quote(kind)
              + " (only typical services, Kind empty)");
    }
    rejectUnmodelled(raw, SERVICE_UNMODELLED, SERVICE_FIELDS, "Invalid service: ");
    String name = string(raw, "name", "ServiceDefinition.Name");
    String id = string(raw, "id", "ServiceDefinition.ID");
    String address = string(raw, "address", "ServiceDefinition.Address");
    int port = integer(raw, "port", "ServiceDefinition.Port", 0);
    List<String> tags = stringList(raw, "tags", "ServiceDefinition.Tags");
    Map<String, String> meta = stringMap(raw, "meta", "ServiceDefinition.Meta");
    Map<String, ServiceDefinition.TaggedAddress> tagged = taggedAddresses(raw);
    boolean enableTagOverride =
        bool(raw, "enabletagoverride", "ServiceDefinition.EnableTagOverride");
    int weightPassing = 1;
    int weightWarning = 1;
    Map<String, Object> weights =
        object(raw, "weights", "ServiceDefinition.Weights", WEIGHTS_FIELDS, Map.of());
    if (weights != null) {
      weightPassing = integer(weights, "passing", "ServiceDefinition.Weights.Passing", 0);
      weightWarning = integer(weights, "warning", "ServiceDefinition.Weights.Warning", 0);
    }
    List<Map<String, Object>> rawChecks = new ArrayList<>();
    Map<String, Object> check =
        object(raw, "check", "ServiceDefinition.Check", CHECK_TYPE_FIELDS, CHECK_TYPE_ALIASES);
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
        rawChecks.add(strict(asMap(item), CHECK_TYPE_FIELDS, CHECK_TYPE_ALIASES));
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
        List.copyOf(checkDefinitions),
        withDefaultTaggedAddresses(tagged, address, port));
  }

  private static Map<String, ServiceDefinition.TaggedAddress> taggedAddresses(
      Map<String, Object> raw) {
    Object v = raw.get("taggedaddresses");
    Map<String, ServiceDefinition.TaggedAddress> out = new TreeMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map)) {
      throw typeError(v, "ServiceDefinition.TaggedAddresses", "map[string]structs.ServiceAddress");
    }
    for (Map.Entry<String, Object> e : asMap(v).entrySet()) {
      Object item = e.getValue();
      if (item == null) {
        out.put(e.getKey(), new ServiceDefinition.TaggedAddress("", 0));
        continue;
      }
      if (!(item instanceof Map)) {
        throw typeError(item, "ServiceDefinition.TaggedAddresses", "structs.ServiceAddress");
      }
      Map<String, Object> a = strict(asMap(item), SERVICE_ADDRESS_FIELDS, Map.of());
      out.put(
          e.getKey(),
          new ServiceDefinition.TaggedAddress(
              string(a, "address", "ServiceAddress.Address"),
              integer(a, "port", "ServiceAddress.Port", 0)));
    }
    return out;
  }

  /**
   * Consul's agent adds {@code lan_ipv4} and {@code wan_ipv4} (or the {@code _ipv6} pair) for a
   * service whose address is an IP literal, unless the registration names them itself.
   */
  private static Map<String, ServiceDefinition.TaggedAddress> withDefaultTaggedAddresses(
      Map<String, ServiceDefinition.TaggedAddress> given, String address, int port) {
    Map<String, ServiceDefinition.TaggedAddress> out = new TreeMap<>(given);
    String family = ipFamily(address);
    if (family != null) {
      ServiceDefinition.TaggedAddress self = new ServiceDefinition.TaggedAddress(address, port);
      out.putIfAbsent("lan_" + family, self);
      out.putIfAbsent("wan_" + family, self);
    }
    return Collections.unmodifiableMap(out);
  }

  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])$");

  /** {@code ipv4}, {@code ipv6} or null for a host name (never resolves anything). */
  private static String ipFamily(String address) {
    if (IPV4.matcher(address).matches()) {
      return "ipv4";
    }
    if (address.indexOf(':') >= 0 && address.matches("^[0-9A-Fa-f:.]+$")) {
      try {
        java.net.InetAddress parsed = java.net.InetAddress.getByName(address);
        return parsed instanceof java.net.Inet4Address ? "ipv4" : "ipv6";
      } catch (java.net.UnknownHostException e) {
        return null;
      }
    }
    return null;
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
      Object parsed = JsonText.parse(body);
      if (!(parsed instanceof Map)) {
        throw ApiException.badRequest(
            "Request decode failed: json: cannot unmarshal "
                + JsonText.typeName(parsed)
                + " into Go value of type structs.CheckDefinition");
      }
      raw = strict(asMap(parsed), CHECK_DEFINITION_FIELDS, CHECK_ALIASES);
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
      def = def.withIdNameStatus(def.name(), def.name(), def.status());
    }
    return new StandaloneCheck(serviceId, def);
  }

  private static CheckDefinition decodeCheck(Map<String, Object> c) {
    return decodeCheck(c, "ServiceDefinition.Check.");
  }

  private static CheckDefinition decodeCheck(Map<String, Object> c, String where) {
    for (String unsupported :
        new String[] {
          "grpc", "h2ping", "udp", "dockercontainerid", "aliasservice", "aliasnode", "osservice"
        }) {
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
    rejectUnmodelled(c, CHECK_UNMODELLED, CHECK_TYPE_FIELDS, "Invalid check: ");
    int successBeforePassing =
        integer(c, "successbeforepassing", where + "SuccessBeforePassing", 0);
    int failuresBeforeWarning =
        integer(c, "failuresbeforewarning", where + "FailuresBeforeWarning", 0);
    int failuresBeforeCritical =
        integer(c, "failuresbeforecritical", where + "FailuresBeforeCritical", 0);
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
        duration(c, "deregistercriticalserviceafter"),
        successBeforePassing,
        failuresBeforeWarning,
        failuresBeforeCritical);
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

  private static Map<String, Object> object(
      Map<String, Object> m,
      String key,
      String field,
      Set<String> fields,
      Map<String, String> aliases) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw typeError(v, field, "object");
    }
    return strict(asMap(v), fields, aliases);
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
            + JsonText.typeName(v)
            + " into a duration for '"
            + key
            + "'");
  }

  private static ApiException typeError(Object value, String field, String goType) {
    return ApiException.badRequest(
        "Request decode failed: json: cannot unmarshal "
            + JsonText.typeName(value)
            + " into Go struct field "
            + field
            + " of type "
            + goType);
  }
}
