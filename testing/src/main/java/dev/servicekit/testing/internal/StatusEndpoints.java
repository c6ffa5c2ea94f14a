package dev.servicekit.testing.internal;

import java.util.List;

/** The {@code /v1/status/leader} and {@code /v1/status/peers} routes (no ACL needed). */
final class StatusEndpoints {
  /** The server RPC address the agent claims as leader. */
  public static final String LEADER = "127.0.0.1:8300";

  private StatusEndpoints() {}

  /**
   * Adds the routes.
   *
   * @param router the router
   */
  public static void register(Router router) {
    router
        .add("/v1/status/leader", "GET", (agent, request) -> ApiResponse.json(LEADER))
        .add("/v1/status/peers", "GET", (agent, request) -> ApiResponse.json(List.of(LEADER)));
  }
}
