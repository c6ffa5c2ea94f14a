package dev.servicekit.testing;

/**
 * One request a {@link LocalConsul} received, as recorded for test assertions.
 *
 * @param method the HTTP method
 * @param uri the path and query, with any {@code token} query value replaced by {@code <redacted>}
 * @param tokenSource where the request's ACL token came from: {@code X-Consul-Token}, {@code
 *     Authorization}, {@code query} (the deprecated {@code ?token=}), or empty when it had none
 */
public record RecordedRequest(String method, String uri, String tokenSource) {
  /**
   * The path without the query.
   *
   * @return the path
   */
  public String path() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  @Override
  public String toString() {
    return method + " " + uri;
  }
}
