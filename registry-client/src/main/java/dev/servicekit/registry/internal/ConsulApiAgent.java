package dev.servicekit.registry.internal;

import com.ecwid.consul.ConsulException;
import com.ecwid.consul.SingleUrlParameters;
import com.ecwid.consul.transport.HttpResponse;
import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.ConsulRawClient;
import com.ecwid.consul.v1.OperationException;
import com.ecwid.consul.v1.Request;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.servicekit.registry.ServiceInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.protocol.HttpContext;

/**
 * {@link ConsulAgent} on consul-api: its {@link ConsulRawClient} transport (Apache HttpClient) for
 * every call, its typed {@link ConsulClient} where it covers the call (check pass, deregister), and
 * our own requests and JSON where it does not (replace-existing-checks, Meta, single-service
 * lookup, blocking health queries with index and wait under our control).
 *
 * <p>The ACL token is added as the {@code X-Consul-Token} header by an interceptor of our HTTP
 * client, after consul-api has built (and possibly logged) the request, so it is never part of a
 * URL, of consul-api's request log or of an exception message.
 */
final class ConsulApiAgent implements ConsulAgent {

  private static final Comparator<ServiceInstance> BY_ID =
      Comparator.comparing(ServiceInstance::id);

  private final CloseableHttpClient shortHttp;
  private final CloseableHttpClient watchHttp;
  private final ConsulRawClient raw;
  private final ConsulRawClient watchRaw;
  private final ConsulClient typed;
  private final Redactor redactor;
  private final AtomicBoolean closed = new AtomicBoolean();

  ConsulApiAgent(ConsulSettings settings) throws IOException {
    this.redactor = new Redactor(settings.token());
    SSLContext ssl = null;
    if (settings.https()) {
      try {
        ssl =
            PemTls.context(
                settings.caCert, settings.clientCert, settings.clientKey, settings.verifyTls);
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException("cannot set up TLS to the Consul agent: " + e.getMessage(), e);
      }
    }
    Duration watchRead =
        settings.watchWait.plus(settings.watchWait.dividedBy(16)).plus(settings.requestTimeout);
    this.shortHttp = http(settings, ssl, settings.requestTimeout, closed);
    this.watchHttp = http(settings, ssl, watchRead, closed);
    String host = settings.host.indexOf(':') >= 0 ? "[" + settings.host + "]" : settings.host;
    String base = settings.scheme + "://" + host;
    this.raw = new ConsulRawClient(shortHttp, base, settings.port, "");
    this.watchRaw = new ConsulRawClient(watchHttp, base, settings.port, "");
    this.typed = new ConsulClient(raw);
  }

  private static CloseableHttpClient http(
      ConsulSettings s, SSLContext ssl, Duration read, AtomicBoolean closed) {
    int connect = (int) s.connectTimeout.toMillis();
    RequestConfig config =
        RequestConfig.custom()
            .setConnectTimeout(connect)
            .setConnectionRequestTimeout(connect)
            .setSocketTimeout((int) Math.min(Integer.MAX_VALUE, read.toMillis()))
            .build();
    String token = s.token();
    String namespace = s.namespace.orElse("");
    HttpRequestInterceptor headers =
        (request, context) -> {
          if (!token.isEmpty()) {
            request.setHeader("X-Consul-Token", token);
          }
          if (!namespace.isEmpty()) {
            request.setHeader("X-Consul-Namespace", namespace);
          }
        };
    HttpClientBuilder b =
        HttpClientBuilder.create()
            .setDefaultRequestConfig(config)
            .setMaxConnTotal(128)
            .setMaxConnPerRoute(128)
            .disableRedirectHandling()
            // One retry of a GET whose pooled connection the agent had closed (after a restart);
            // connect failures and timeouts are not retried here, and nothing is retried once
            // the agent client is closing (its own close cut the socket).
            .setRetryHandler(
                new DefaultHttpRequestRetryHandler(1, false) {
                  @Override
                  public boolean retryRequest(
                      IOException exception, int executionCount, HttpContext context) {
                    return !closed.get() && super.retryRequest(exception, executionCount, context);
                  }
                })
            .evictIdleConnections(30, java.util.concurrent.TimeUnit.SECONDS)
            .disableCookieManagement()
            .setUserAgent("servicekit-registry-client")
            .addInterceptorLast(headers);
    if (ssl != null) {
      b.setSSLSocketFactory(
          new SSLConnectionSocketFactory(
              ssl,
              s.verifyTls
                  ? SSLConnectionSocketFactory.getDefaultHostnameVerifier()
                  : NoopHostnameVerifier.INSTANCE));
    }
    return b.build();
  }

  @Override
  public void register(Registration registration) throws AgentException {
    Request request =
        Request.Builder.newBuilder()
            .setEndpoint("/v1/agent/service/register")
            .addUrlParameter(new SingleUrlParameters("replace-existing-checks", "true"))
            .setBinaryContent(registration.toJson().getBytes(StandardCharsets.UTF_8))
            .build();
    HttpResponse response = call("register", () -> raw.makePutRequest(request));
    if (response.getStatusCode() != 200) {
      throw failure("register", response.getStatusCode(), response.getContent());
    }
  }

  @Override
  public void deregister(String serviceId) throws AgentException {
    try {
      typed.agentServiceDeregister(PathSegment.encode(serviceId));
    } catch (OperationException e) {
      if (e.getStatusCode() != 404) {
        throw failure("deregister", e.getStatusCode(), e.getStatusContent());
      }
    } catch (ConsulException e) {
      throw unreachable("deregister", e);
    }
  }

  @Override
  public boolean passTtl(String checkId) throws AgentException {
    try {
      typed.agentCheckPass(PathSegment.encode(checkId));
      return true;
    } catch (OperationException e) {
      if (e.getStatusCode() == 404 || unknownCheck(e.getStatusContent())) {
        return false;
      }
      throw failure("heartbeat", e.getStatusCode(), e.getStatusContent());
    } catch (ConsulException e) {
      throw unreachable("heartbeat", e);
    }
  }

  /** Older agents answer 500 with this text for a check they do not know. */
  private static boolean unknownCheck(String body) {
    return body != null
        && (body.contains("Unknown check") || body.contains("does not have associated TTL"));
  }

  @Override
  public boolean isRegistered(String serviceId) throws AgentException {
    HttpResponse response =
        call(
            "service lookup",
            () -> raw.makeGetRequest("/v1/agent/service/" + PathSegment.encode(serviceId)));
    if (response.getStatusCode() == 200) {
      return true;
    }
    if (response.getStatusCode() == 404) {
      return false;
    }
    throw failure("service lookup", response.getStatusCode(), response.getContent());
  }

  @Override
  public Answer healthy(String serviceName, long index, Duration wait) throws AgentException {
    List<com.ecwid.consul.UrlParameters> params = new ArrayList<>(3);
    params.add(new SingleUrlParameters("passing"));
    if (index > 0) {
      params.add(new SingleUrlParameters("index", Long.toUnsignedString(index)));
      params.add(new SingleUrlParameters("wait", wait.toMillis() + "ms"));
    }
    ConsulRawClient client = index > 0 ? watchRaw : raw;
    HttpResponse response =
        call(
            "health query",
            () ->
                client.makeGetRequest(
                    "/v1/health/service/" + PathSegment.encode(serviceName),
                    params.toArray(new com.ecwid.consul.UrlParameters[0])));
    if (response.getStatusCode() != 200) {
      throw failure("health query", response.getStatusCode(), response.getContent());
    }
    Long newIndex = response.getConsulIndex();
    return new Answer(newIndex == null ? 0 : newIndex, parse(serviceName, response.getContent()));
  }

  private List<ServiceInstance> parse(String serviceName, String body) throws AgentException {
    try {
      JsonElement root = JsonParser.parseString(body == null ? "[]" : body);
      if (!root.isJsonArray()) {
        throw new AgentException(200, "health query: answer is not a JSON array");
      }
      List<ServiceInstance> out = new ArrayList<>();
      for (JsonElement e : root.getAsJsonArray()) {
        JsonObject entry = e.getAsJsonObject();
        if (!allPassing(entry.get("Checks"))) {
          continue;
        }
        JsonObject service = entry.getAsJsonObject("Service");
        JsonObject node = obj(entry, "Node");
        String address = str(service, "Address");
        if (address.isEmpty() && node != null) {
          address = str(node, "Address");
        }
        if (address.isEmpty()) {
          continue;
        }
        List<String> tags = new ArrayList<>();
        JsonElement t = service.get("Tags");
        if (t != null && t.isJsonArray()) {
          t.getAsJsonArray().forEach(x -> tags.add(x.getAsString()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        JsonObject m = obj(service, "Meta");
        if (m != null) {
          m.entrySet().forEach(x -> meta.put(x.getKey(), x.getValue().getAsString()));
        }
        String name = str(service, "Service");
        out.add(
            ServiceInstance.of(
                str(service, "ID"),
                name.isEmpty() ? serviceName : name,
                address,
                service.has("Port") ? service.get("Port").getAsInt() : 0,
                tags,
                meta));
      }
      out.sort(BY_ID);
      return List.copyOf(out);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new AgentException(
          200, "health query: malformed answer (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static boolean allPassing(JsonElement checks) {
    if (checks == null || !checks.isJsonArray()) {
      return true;
    }
    JsonArray arr = checks.getAsJsonArray();
    for (JsonElement c : arr) {
      if (!"passing".equals(str(c.getAsJsonObject(), "Status"))) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject obj(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  private static String str(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? "" : e.getAsString();
  }

  private interface Call {
    HttpResponse run();
  }

  private HttpResponse call(String what, Call call) throws AgentException {
    try {
      return call.run();
    } catch (ConsulException e) {
      throw unreachable(what, e);
    }
  }

  private AgentException unreachable(String what, RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String detail = cause.getClass().getSimpleName();
    if (cause.getMessage() != null) {
      detail += ": " + cause.getMessage();
    }
    return new AgentException(0, redactor.redact(what + ": agent unreachable (" + detail + ")"));
  }

  private AgentException failure(String what, int status, String body) {
    String text = body == null ? "" : body.strip();
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...";
    }
    String message =
        what + ": agent answered " + status + (text.isEmpty() ? "" : " (" + text + ")");
    return new AgentException(status, redactor.redact(message));
  }

  @Override
  public void close() {
    closed.set(true);
    try {
      shortHttp.close();
    } catch (IOException ignored) {
      // closing sockets only
    }
    try {
      watchHttp.close();
    } catch (IOException ignored) {
      // closing sockets only
    }
  }

  /** Percent-encodes one path segment (Consul names and IDs are normally plain already). */
  static final class PathSegment {
    private PathSegment() {}

    static String encode(String s) {
      StringBuilder sb = null;
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i++) {
        int c = bytes[i] & 0xff;
        boolean plain =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == ':';
        if (plain && sb == null) {
          continue;
        }
        if (sb == null) {
          sb = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
        }
        if (plain) {
          sb.append((char) c);
        } else {
          sb.append('%')
              .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
      }
      return sb == null ? s : sb.toString();
    }
  }
}
