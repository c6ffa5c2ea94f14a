package dev.servicekit.testing.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of the agent: status, headers and body.
 *
 * @param status the HTTP status
 * @param headers extra response headers
 * @param body the body; null for a JSON value to render later, see {@link #value}
 * @param value a JSON value to render (pretty or compact) when {@code body} is null
 * @param contentType the content type, empty for no body
 */
record ApiResponse(
    int status, Map<String, String> headers, byte[] body, Object value, String contentType) {

  /**
   * A 200 with a JSON body.
   *
   * @param value the value
   * @return the response
   */
  public static ApiResponse json(Object value) {
    return new ApiResponse(200, new LinkedHashMap<>(), null, value, "application/json");
  }

  /**
   * A 200 with no body.
   *
   * @return the response
   */
  public static ApiResponse empty() {
    return new ApiResponse(200, new LinkedHashMap<>(), new byte[0], null, "");
  }

  /**
   * A plain-text answer, as Consul sends errors.
   *
   * @param status the status
   * @param text the body
   * @return the response
   */
  public static ApiResponse text(int status, String text) {
    return new ApiResponse(
        status,
        new LinkedHashMap<>(),
        text.getBytes(StandardCharsets.UTF_8),
        null,
        "text/plain; charset=utf-8");
  }

  /**
   * Adds a header.
   *
   * @param name the name
   * @param value the value
   * @return this response
   */
  public ApiResponse with(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /**
   * Adds Consul's query metadata headers.
   *
   * @param index the {@code X-Consul-Index}
   * @return this response
   */
  public ApiResponse withQueryMeta(long index) {
    return with("X-Consul-Index", Long.toString(index))
        .with("X-Consul-KnownLeader", "true")
        .with("X-Consul-LastContact", "0");
  }

  /**
   * Adds the headers of Consul's {@code setMeta} for a server read: index, leader, last contact,
   * the effective consistency ({@code leader}, or {@code stale}/{@code consistent} when asked), the
   * query backend, and {@code X-Consul-Results-Filtered-By-ACLs} when ACLs hid results.
   *
   * @param index the index
   * @param request the request (for {@code ?stale} and {@code ?consistent})
   * @param filteredByAcls whether ACLs removed something from the answer
   * @return a copy with the headers
   */
  public ApiResponse withQueryMeta(long index, ApiRequest request, boolean filteredByAcls) {
    String consistency =
        request.has("stale") ? "stale" : request.has("consistent") ? "consistent" : "leader";
    ApiResponse r =
        withQueryMeta(index)
            .with("X-Consul-Effective-Consistency", consistency)
            .with("X-Consul-Query-Backend", "blocking-query");
    return filteredByAcls ? r.with("X-Consul-Results-Filtered-By-ACLs", "true") : r;
  }
}
