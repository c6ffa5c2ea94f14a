package dev.servicekit.testing.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The {@code /v1/agent/...} routes: services, checks, registration and TTL updates, and self. */
final class AgentEndpoints {
  private AgentEndpoints() {}

  /**
   * Adds the routes.
   *
   * @param router the router
   */
  public static void register(Router router) {
    router
        .add("/v1/agent/self", "GET", AgentEndpoints::self)
        .add("/v1/agent/services", "GET", AgentEndpoints::services)
        .add("/v1/agent/service/", "GET", AgentEndpoints::service)
        .add("/v1/agent/checks", "GET", AgentEndpoints::checks)
        .add("/v1/agent/service/register", "PUT", AgentEndpoints::registerService)
        .add("/v1/agent/service/deregister/", "PUT", AgentEndpoints::deregisterService)
        .add(
            "/v1/agent/check/pass/", "PUT", (a, r) -> ttl(a, r, "/v1/agent/check/pass/", "passing"))
        .add(
            "/v1/agent/check/warn/", "PUT", (a, r) -> ttl(a, r, "/v1/agent/check/warn/", "warning"))
        .add(
            "/v1/agent/check/fail/",
            "PUT",
            (a, r) -> ttl(a, r, "/v1/agent/check/fail/", "critical"))
        .add("/v1/agent/check/update/", "PUT", AgentEndpoints::checkUpdate)
        .add("/v1/agent/check/register", "PUT", AgentEndpoints::registerCheck)
        .add("/v1/agent/check/deregister/", "PUT", AgentEndpoints::deregisterCheck);
  }

  private static ApiResponse self(Agent agent, ApiRequest request) {
    Acl.Identity who = agent.acl().resolve(request.token());
    Acl.require(who, "agent:read", agent.config().nodeName());
    AgentConfig c = agent.config();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("Datacenter", c.datacenter());
    config.put("PrimaryDatacenter", c.datacenter());
    config.put("NodeName", c.nodeName());
    config.put("NodeID", c.nodeId());
    config.put("Revision", "localconsul");
    config.put("Server", true);
    config.put("Version", Views.VERSION);
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("Name", c.nodeName());
    member.put("Addr", "127.0.0.1");
    member.put("Port", 8301);
    Map<String, Object> tags = new TreeMap<>();
    tags.put("dc", c.datacenter());
    tags.put("role", "consul");
    tags.put("build", Views.VERSION + ":localconsul");
    member.put("Tags", tags);
    member.put("Status", 1);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("consul-network-segment", "");
    meta.put("consul-version", Views.VERSION);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Config", config);
    body.put("DebugConfig", new LinkedHashMap<>());
    body.put("Coord", null);
    body.put("Member", member);
    body.put("Stats", new LinkedHashMap<>());
    body.put("Meta", meta);
    return ApiResponse.json(body);
  }

  private static ApiResponse services(Agent agent, ApiRequest request) {
    java.util.function.Predicate<Object> filter = Filter.of(request, FilterSchema.SERVICE);
    Acl.Identity who = agent.acl().resolve(request.token());
    Map<String, Object> out = new TreeMap<>();
    if (Acl.canRead(who)) {
      for (ServiceEntry e : agent.state().localServices().values()) {
        Map<String, Object> view = Views.agentService(e, agent.config().datacenter());
        if (filter.test(view)) {
          out.put(e.definition().id(), view);
        }
      }
    }
    return ApiResponse.json(out);
  }

  private static ApiResponse service(Agent agent, ApiRequest request) {
    String id = request.pathAfter("/v1/agent/service/");
    Acl.Identity who = agent.acl().resolve(request.token());
    String hash = request.param("hash");
    AgentState state = agent.state();
    String dc = agent.config().datacenter();
    if (hash != null && !hash.isEmpty()) {
      BlockingParams params = BlockingParams.parse(request, dc);
      // hash-based blocking: wait while the rendered service still has the client's hash
      AgentState.QueryResult<Map<String, Object>> result =
          state.query(
              1,
              params.deadlineNanos(),
              s -> {
                ServiceEntry e = s.service(id);
                return e != null
                        && Views.agentServiceWithHash(e, dc).get("ContentHash").equals(hash)
                    ? 1
                    : 2;
              },
              () -> {
                ServiceEntry e = state.service(id);
                return e == null ? null : Views.agentServiceWithHash(e, dc);
              });
      if (result == null) {
        return null;
      }
      return answerService(id, who, result.value());
    }
    ServiceEntry e = state.service(id);
    return answerService(id, who, e == null ? null : Views.agentServiceWithHash(e, dc));
  }

  private static ApiResponse answerService(String id, Acl.Identity who, Map<String, Object> view) {
    if (view == null) {
      throw ApiException.notFound("unknown service ID: " + id);
    }
    Acl.require(who, "service:read", (String) view.get("Service"));
    return ApiResponse.json(view).with("X-Consul-ContentHash", (String) view.get("ContentHash"));
  }

  private static ApiResponse checks(Agent agent, ApiRequest request) {
    java.util.function.Predicate<Object> filter = Filter.of(request, FilterSchema.CHECK);
    Acl.Identity who = agent.acl().resolve(request.token());
    AgentState state = agent.state();
    Map<String, Object> out =
        state.read(
            () -> {
              Map<String, Object> m = new TreeMap<>();
              if (Acl.canRead(who)) {
                for (CheckEntry c : state.localChecks().values()) {
                  Map<String, Object> view = Views.check(c, state.node());
                  if (filter.test(view)) {
                    m.put(c.checkId(), view);
                  }
                }
              }
              return m;
            });
    return ApiResponse.json(out);
  }

  private static ApiResponse registerService(Agent agent, ApiRequest request) {
    ServiceDefinition def = RegistrationDecoder.decode(request.body());
    Acl.Identity who = agent.acl().resolve(request.token());
    Acl.require(who, "service:write", def.name());
    String replace = request.param("replace-existing-checks");
    boolean replaceExisting = replace != null && (replace.isEmpty() || replace.equals("true"));
    agent.state().register(def, replaceExisting);
    return ApiResponse.empty();
  }

  private static ApiResponse deregisterService(Agent agent, ApiRequest request) {
    String id = request.pathAfter("/v1/agent/service/deregister/");
    Acl.Identity who = agent.acl().resolve(request.token());
    ServiceEntry existing = agent.state().service(id);
    if (existing == null) {
      throw ApiException.notFound(
          "Unknown service ID "
              + GoQuote.quote(id)
              + ". Ensure that the service ID is passed, not the service name.");
    }
    Acl.require(who, "service:write", existing.definition().name());
    agent.state().deregister(id);
    return ApiResponse.empty();
  }

  private static ApiResponse registerCheck(Agent agent, ApiRequest request) {
    RegistrationDecoder.StandaloneCheck check =
        RegistrationDecoder.decodeCheckRegistration(request.body());
    Acl.Identity who = agent.acl().resolve(request.token());
    String serviceId = check.serviceId();
    if (serviceId.isEmpty()) {
      Acl.require(who, "node:write", agent.config().nodeName());
    } else {
      ServiceEntry service = agent.state().service(serviceId);
      if (service == null) {
        throw ApiException.notFound("ServiceID " + GoQuote.quote(serviceId) + " does not exist");
      }
      Acl.require(who, "service:write", service.definition().name());
    }
    if (!agent.state().registerCheck(check.definition(), serviceId)) {
      throw ApiException.notFound("ServiceID " + GoQuote.quote(serviceId) + " does not exist");
    }
    return ApiResponse.empty();
  }

  private static ApiResponse deregisterCheck(Agent agent, ApiRequest request) {
    String checkId = request.pathAfter("/v1/agent/check/deregister/");
    Acl.Identity who = agent.acl().resolve(request.token());
    CheckEntry existing = agent.state().check(checkId);
    if (existing == null) {
      throw ApiException.notFound(
          "Unknown check ID "
              + GoQuote.quote(checkId)
              + ". Ensure that the check ID is passed, not the check name.");
    }
    if (existing.serviceName().isEmpty()) {
      Acl.require(who, "node:write", agent.config().nodeName());
    } else {
      Acl.require(who, "service:write", existing.serviceName());
    }
    agent.state().deregisterCheck(checkId);
    return ApiResponse.empty();
  }

  private static ApiResponse ttl(Agent agent, ApiRequest request, String prefix, String status) {
    String note = request.param("note");
    return updateCheck(agent, request, request.pathAfter(prefix), status, note == null ? "" : note);
  }

  private static ApiResponse checkUpdate(Agent agent, ApiRequest request) {
    String status;
    String output;
    try {
      Map<String, Object> body = JsonText.parseObject(request.body());
      for (String key : body.keySet()) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals("status") && !lower.equals("output")) {
          throw ApiException.badRequest(
              "Request decode failed: json: unknown field " + GoQuote.quote(key));
        }
      }
      status = stringField(body, "status");
      output = stringField(body, "output");
    } catch (JsonException e) {
      throw ApiException.badRequest("Request decode failed: " + e.getMessage());
    }
    if (!RegistrationDecoder.isValidStatus(status)) {
      throw ApiException.badRequest("Invalid check status: '" + status + "'");
    }
    return updateCheck(
        agent, request, request.pathAfter("/v1/agent/check/update/"), status, output);
  }

  private static String stringField(Map<String, Object> body, String lowerName) {
    Object value = null;
    for (Map.Entry<String, Object> e : body.entrySet()) {
      if (e.getKey().equalsIgnoreCase(lowerName)) {
        value = e.getValue();
      }
    }
    if (value == null) {
      return "";
    }
    if (!(value instanceof String)) {
      throw new JsonException(
          "json: cannot unmarshal "
              + JsonText.typeName(value)
              + " into Go struct field checkUpdate."
              + Character.toUpperCase(lowerName.charAt(0))
              + lowerName.substring(1)
              + " of type string");
    }
    return (String) value;
  }

  private static ApiResponse updateCheck(
      Agent agent, ApiRequest request, String checkId, String status, String output) {
    Acl.Identity who = agent.acl().resolve(request.token());
    CheckEntry existing = agent.state().check(checkId);
    if (existing == null) {
      throw ApiException.notFound(
          "Unknown check ID "
              + GoQuote.quote(checkId)
              + ". Ensure that the check ID is passed, not the check name.");
    }
    if (existing.serviceName().isEmpty()) {
      Acl.require(who, "node:write", agent.config().nodeName());
    } else {
      Acl.require(who, "service:write", existing.serviceName());
    }
    switch (agent.state().updateTtl(checkId, status, output)) {
      case UNKNOWN_CHECK:
        throw ApiException.notFound(
            "Unknown check ID "
                + GoQuote.quote(checkId)
                + ". Ensure that the check ID is passed, not the check name.");
      case NOT_TTL:
        throw new ApiException(
            500, "CheckID " + GoQuote.quote(checkId) + " does not have associated TTL");
      default:
        return ApiResponse.empty();
    }
  }
}
