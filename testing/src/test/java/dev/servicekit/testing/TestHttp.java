package dev.servicekit.testing;

import dev.servicekit.testing.internal.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Drives an agent over HTTP exactly as a client would, for tests. */
public final class TestHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  public TestHttp(URI base) {
    this.base = base;
  }

  /** An answer: status, headers, body. */
  public record Answer(int status, HttpHeaders headers, String body) {
    public Object json() {
      return JsonText.parse(body);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
      return (Map<String, Object>) json();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list() {
      return (List<Map<String, Object>>) json();
    }

    public long index() {
      return Long.parseLong(headers.firstValue("X-Consul-Index").orElseThrow());
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public Answer get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, null, headers);
  }

  public Answer put(String pathAndQuery, String body, String... headers) {
    return send("PUT", pathAndQuery, body, headers);
  }

  public Answer send(String method, String pathAndQuery, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofMinutes(1))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers a service with a body given as JSON text. */
  public Answer register(String json, String... headers) {
    return put("/v1/agent/service/register", json, headers);
  }
}
