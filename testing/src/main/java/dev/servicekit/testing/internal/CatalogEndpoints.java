package dev.servicekit.testing.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The {@code /v1/catalog/services} and {@code /v1/catalog/service/:name} routes. */
final class CatalogEndpoints {
  private CatalogEndpoints() {}

  /**
   * Adds the routes.
   *
   * @param router the router
   */
  public static void register(Router router) {
    router
        .add("/v1/catalog/services", "GET", CatalogEndpoints::services)
        .add("/v1/catalog/service/", "GET", CatalogEndpoints::service);
  }

  private static ApiResponse services(Agent agent, ApiRequest request) {
    Filter.refuse(request);
    BlockingParams params = BlockingParams.parse(request, agent.config().datacenter());
    Acl.Identity who = agent.acl().resolve(request.token());
    AgentState state = agent.state();
    AgentState.QueryResult<Map<String, Object>> result =
        state.query(
            params.minIndex(),
            params.deadlineNanos(),
            AgentState::servicesIndex,
            () -> {
              Map<String, Set<String>> tags = new TreeMap<>();
              if (Acl.canRead(who)) {
                for (ServiceEntry e : state.allInstances()) {
                  tags.computeIfAbsent(e.definition().name(), n -> new LinkedHashSet<>())
                      .addAll(e.definition().tags());
                }
              }
              Map<String, Object> out = new TreeMap<>();
              tags.forEach((name, set) -> out.put(name, new ArrayList<>(set)));
              return out;
            });
    if (result == null) {
      return null;
    }
    return ApiResponse.json(result.value())
        .withQueryMeta(result.index(), request, !Acl.canRead(who));
  }

  private static ApiResponse service(Agent agent, ApiRequest request) {
    String name = request.pathAfter("/v1/catalog/service/");
    BlockingParams params = BlockingParams.parse(request, agent.config().datacenter());
    List<String> tags = request.params("tag");
    java.util.function.Predicate<Object> filter = Filter.of(request, FilterSchema.CATALOG_ENTRY);
    Acl.Identity who = agent.acl().resolve(request.token());
    if (name.isEmpty()) {
      throw ApiException.badRequest("Missing service name");
    }
    AgentState state = agent.state();
    AgentState.QueryResult<List<Object>> result =
        state.query(
            params.minIndex(),
            params.deadlineNanos(),
            s -> s.catalogIndex(name),
            () -> {
              List<Object> out = new ArrayList<>();
              if (!Acl.canRead(who)) {
                return out;
              }
              for (ServiceEntry e : state.instancesOf(name)) {
                if (HealthEndpoints.hasAllTags(e, tags)) {
                  Map<String, Object> entry = Views.catalogEntry(state, e);
                  if (filter.test(entry)) {
                    out.add(entry);
                  }
                }
              }
              return out;
            });
    if (result == null) {
      return null;
    }
    boolean hidden = !Acl.canRead(who) && !state.instancesOf(name).isEmpty();
    return ApiResponse.json(result.value()).withQueryMeta(result.index(), request, hidden);
  }
}
