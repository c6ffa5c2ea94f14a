package dev.servicekit.testing.contract;

import dev.servicekit.testing.internal.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small HTTP client for the agent's API, sending the ACL token only in a header. */
final class AgentHttp {
  /** One answer. */
  record Answer(int status, String body, HttpResponse<String> raw) {
    Object json() {
      return JsonText.parse(body);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object() {
      return (Map<String, Object>) json();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() {
      return (List<Map<String, Object>>) json();
    }

    long index() {
      return Long.parseLong(raw.headers().firstValue("X-Consul-Index").orElse("0"));
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  AgentHttp(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  Answer get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, true);
  }

  Answer getWithoutToken(String pathAndQuery) {
    return send("GET", pathAndQuery, null, false);
  }

  Answer put(String pathAndQuery, String body) {
    return send("PUT", pathAndQuery, body, true);
  }

  Answer putWithoutToken(String pathAndQuery, String body) {
    return send("PUT", pathAndQuery, body, false);
  }

  private Answer send(String method, String pathAndQuery, String body, boolean withToken) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofMinutes(2))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (withToken && !token.isEmpty()) {
      b.header("X-Consul-Token", token);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
