package dev.servicekit.testing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code /v1/health/service/:name} route, with {@code passing}, {@code tag} and blocking. */
final class HealthEndpoints {
  private HealthEndpoints() {}

  /**
   * Adds the routes.
   *
   * @param router the router
   */
  public static void register(Router router) {
    router.add("/v1/health/service/", "GET", HealthEndpoints::service);
  }

  private static ApiResponse service(Agent agent, ApiRequest request) {
    String name = request.pathAfter("/v1/health/service/");
    BlockingParams params = BlockingParams.parse(request, agent.config().datacenter());
    boolean passingOnly = request.flag("passing");
    List<String> tags = request.params("tag");
    java.util.function.Predicate<Object> filter = Filter.of(request, FilterSchema.HEALTH_ENTRY);
    Acl.Identity who = agent.acl().resolve(request.token());
    if (name.isEmpty()) {
      throw ApiException.badRequest("Missing service name");
    }
    AgentState state = agent.state();
    AgentState.QueryResult<List<Object>> result =
        state.query(
            params.minIndex(),
            params.deadlineNanos(),
            s -> s.healthIndex(name),
            () -> {
              List<Object> out = new ArrayList<>();
              if (!Acl.canRead(who)) {
                return out;
              }
              for (ServiceEntry e : state.instancesOf(name)) {
                if (!hasAllTags(e, tags)) {
                  continue;
                }
                if (passingOnly && !allPassing(state, e)) {
                  continue;
                }
                Map<String, Object> entry = Views.healthEntry(state, e);
                if (filter.test(entry)) {
                  out.add(entry);
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

  /**
   * Whether an instance carries every wanted tag (compared case-insensitively, as Consul does).
   *
   * @param e the instance
   * @param wanted the wanted tags
   * @return true when all are present
   */
  static boolean hasAllTags(ServiceEntry e, List<String> wanted) {
    for (String tag : wanted) {
      boolean found = false;
      for (String t : e.definition().tags()) {
        if (t.toLowerCase(Locale.ROOT).equals(tag.toLowerCase(Locale.ROOT))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean allPassing(AgentState state, ServiceEntry e) {
    List<CheckEntry> checks = new ArrayList<>(state.checksOf(""));
    checks.addAll(state.checksOf(e.definition().id()));
    for (CheckEntry c : checks) {
      if (!c.status().equals(AgentState.PASSING)) {
        return false;
      }
    }
    return true;
  }
}
