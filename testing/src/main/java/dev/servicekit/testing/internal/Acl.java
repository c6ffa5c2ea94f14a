package dev.servicekit.testing.internal;

/**
 * The agent's ACL system: off, or on with one management token and a deny-all anonymous token
 * (Consul's {@code default_policy = "deny"}).
 */
final class Acl {
  /** Who a request acts as. */
  public enum Identity {
    /** Full access: ACLs are off, or the request carries the management token. */
    MANAGEMENT,
    /** No token: Consul's anonymous token, allowed nothing. */
    ANONYMOUS
  }

  private final String managementToken;

  /**
   * Creates the ACL system.
   *
   * @param managementToken the token that may do everything; empty turns ACLs off
   */
  public Acl(String managementToken) {
    this.managementToken = managementToken;
  }

  /**
   * Whether ACLs are enforced.
   *
   * @return true when a management token is configured
   */
  public boolean enabled() {
    return !managementToken.isEmpty();
  }

  /**
   * Resolves a request's token.
   *
   * @param token the token, empty for none
   * @return who the request acts as
   * @throws ApiException 403 {@code ACL not found} for a token the agent does not know
   */
  public Identity resolve(String token) {
    if (!enabled()) {
      return Identity.MANAGEMENT;
    }
    if (token.isEmpty()) {
      return Identity.ANONYMOUS;
    }
    if (constantTimeEquals(token, managementToken)) {
      return Identity.MANAGEMENT;
    }
    throw new ApiException(403, "ACL not found");
  }

  /**
   * Requires a permission, failing as Consul does for the anonymous token.
   *
   * @param identity who acts
   * @param permission e.g. {@code service:write}
   * @param resource e.g. the service name
   * @throws ApiException 403 {@code Permission denied: ...}
   */
  public static void require(Identity identity, String permission, String resource) {
    if (identity == Identity.ANONYMOUS) {
      throw new ApiException(
          403,
          "Permission denied: anonymous token lacks permission '"
              + permission
              + "' on "
              + GoQuote.quote(resource)
              + ". The anonymous token is used implicitly when a request does not specify a"
              + " token.");
    }
  }

  /**
   * Whether reads are allowed (the anonymous token sees filtered, empty results).
   *
   * @param identity who acts
   * @return true for the management identity
   */
  public static boolean canRead(Identity identity) {
    return identity == Identity.MANAGEMENT;
  }

  private static boolean constantTimeEquals(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < a.length(); i++) {
      diff |= a.charAt(i) ^ b.charAt(i);
    }
    return diff == 0;
  }
}
