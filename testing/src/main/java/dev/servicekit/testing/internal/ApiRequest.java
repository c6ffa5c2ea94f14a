package dev.servicekit.testing.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One HTTP request to the agent: method, decoded path, query parameters, body, and the ACL token
 * found the way Consul finds it ({@code ?token=}, then {@code X-Consul-Token}, then {@code
 * Authorization: Bearer}).
 */
final class ApiRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> query;
  private final String body;
  private final String token;
  private final String tokenSource;

  private ApiRequest(
      String method,
      String path,
      String rawQuery,
      Map<String, List<String>> query,
      String body,
      String token,
      String tokenSource) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.query = query;
    this.body = body;
    this.token = token;
    this.tokenSource = tokenSource;
  }

  /**
   * Builds a request from its parts.
   *
   * @param method the HTTP method
   * @param path the decoded path
   * @param rawQuery the raw query string, or null
   * @param header looks up the first value of a request header (null when absent)
   * @param body the body as text
   * @return the request
   */
  public static ApiRequest of(
      String method, String path, String rawQuery, Function<String, String> header, String body) {
    Map<String, List<String>> query = parseQuery(rawQuery);
    String token = "";
    String source = "";
    List<String> queryToken = query.get("token");
    String consulHeader = header.apply("X-Consul-Token");
    String authorization = header.apply("Authorization");
    if (queryToken != null && !queryToken.get(0).isEmpty()) {
      token = queryToken.get(0);
      source = "query";
    } else if (consulHeader != null && !consulHeader.isEmpty()) {
      token = consulHeader;
      source = "X-Consul-Token";
    } else if (authorization != null && !authorization.isEmpty()) {
      String[] parts = authorization.split(" ", -1);
      if (parts.length > 1 && parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
        String value = authorization.substring(parts[0].length()).trim();
        token = value.split(" ", -1)[0].trim();
        source = "Authorization";
      }
    }
    return new ApiRequest(method, path, rawQuery, query, body, token, source);
  }

  private static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /**
   * The HTTP method.
   *
   * @return e.g. {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The decoded path.
   *
   * @return e.g. {@code /v1/agent/services}
   */
  public String path() {
    return path;
  }

  /**
   * The body.
   *
   * @return the body text, empty when none
   */
  public String body() {
    return body;
  }

  /**
   * The ACL token.
   *
   * @return the token, empty when the request carries none
   */
  public String token() {
    return token;
  }

  /**
   * Where the token came from.
   *
   * @return {@code query}, {@code X-Consul-Token}, {@code Authorization} or empty
   */
  public String tokenSource() {
    return tokenSource;
  }

  /**
   * Whether a query parameter is present (with or without a value).
   *
   * @param name the parameter
   * @return true when present
   */
  public boolean has(String name) {
    return query.containsKey(name);
  }

  /**
   * The first value of a query parameter.
   *
   * @param name the parameter
   * @return the value, empty when present without one, null when absent
   */
  public String param(String name) {
    List<String> values = query.get(name);
    return values == null ? null : values.get(0);
  }

  /**
   * Every value of a repeatable query parameter.
   *
   * @param name the parameter
   * @return the values in order, empty when absent
   */
  public List<String> params(String name) {
    return Collections.unmodifiableList(query.getOrDefault(name, List.of()));
  }

  /**
   * The path with a route prefix removed.
   *
   * @param prefix the prefix
   * @return the rest of the path
   */
  public String pathAfter(String prefix) {
    return path.substring(prefix.length());
  }

  /**
   * The request target for logs, with any {@code token} query value replaced by {@code <redacted>}.
   *
   * @return path and redacted query
   */
  public String redactedUri() {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path).append('?');
    String[] pairs = rawQuery.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        sb.append('&');
      }
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals("token") && eq >= 0) {
        sb.append(pair, 0, eq).append("=<redacted>");
      } else {
        sb.append(pair);
      }
    }
    return sb.toString();
  }

  /**
   * A Go-style boolean query flag ({@code ?passing}, {@code ?passing=true}, {@code =1}, ...).
   *
   * @param name the parameter
   * @return true when present without a value or with a true value
   * @throws ApiException 400 when the value is not a boolean
   */
  public boolean flag(String name) {
    String v = param(name);
    if (v == null) {
      return false;
    }
    switch (v) {
      case "":
      case "1":
      case "t":
      case "T":
      case "true":
      case "TRUE":
      case "True":
        return true;
      case "0":
      case "f":
      case "F":
      case "false":
      case "FALSE":
      case "False":
        return false;
      default:
        throw ApiException.badRequest("Invalid value for ?" + name);
    }
  }
}
