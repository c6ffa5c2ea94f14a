package dev.servicekit.testing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Maps paths to handlers the way Consul's Go mux does: a pattern ending in {@code /} matches every
 * path below it, any other pattern only itself, and the longest matching pattern wins. A path with
 * no pattern is a 404 with an empty body; a known path with another method is a 405 {@code method X
 * not allowed} with an {@code Allow} header; {@code OPTIONS} answers 200 with {@code Allow}.
 */
final class Router {
  /** Handles one request for a running agent. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Handles the request.
     *
     * @param agent the running agent
     * @param request the request
     * @return the answer, or null when the request was aborted (agent stopped meanwhile)
     */
    ApiResponse handle(Agent agent, ApiRequest request);
  }

  private record Route(String pattern, Set<String> methods, Handler handler) {
    boolean matches(String path) {
      return pattern.endsWith("/") ? path.startsWith(pattern) : path.equals(pattern);
    }
  }

  private final List<Route> routes = new ArrayList<>();

  /**
   * Adds a route.
   *
   * @param pattern the path pattern
   * @param method the one allowed method
   * @param handler the handler
   * @return this router
   */
  public Router add(String pattern, String method, Handler handler) {
    routes.add(new Route(pattern, Set.of(method), handler));
    return this;
  }

  /**
   * Dispatches a request.
   *
   * @param agent the running agent
   * @param request the request
   * @return the answer, or null when aborted
   */
  public ApiResponse dispatch(Agent agent, ApiRequest request) {
    Route best = null;
    for (Route r : routes) {
      if (r.matches(request.path())
          && (best == null || r.pattern().length() > best.pattern().length())) {
        best = r;
      }
    }
    if (best == null) {
      return new ApiResponse(404, new LinkedHashMap<>(), new byte[0], null, "");
    }
    String allow = String.join(",", best.methods());
    if (request.method().equals("OPTIONS")) {
      return ApiResponse.empty().with("Allow", allow);
    }
    if (!best.methods().contains(request.method())) {
      return ApiResponse.text(405, "method " + request.method() + " not allowed")
          .with("Allow", allow);
    }
    return best.handler().handle(agent, request);
  }
}
