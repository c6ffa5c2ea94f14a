package dev.servicekit.registry.internal;

import com.ecwid.consul.ConsulException;
import com.ecwid.consul.SingleUrlParameters;
import com.ecwid.consul.UrlParameters;
import com.ecwid.consul.transport.HttpResponse;
import com.ecwid.consul.v1.ConsulRawClient;
import com.ecwid.consul.v1.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * HTTP to the Consul agent: consul-api's {@link ConsulRawClient} on our own Apache HttpClient, with
 * TLS, the ACL token and namespace headers, timeouts, one retry of a stale pooled connection, and
 * the mapping of failures to {@link AgentException}. The one place that knows consul-api and
 * HttpClient.
 *
 * <p>The ACL token is added as the {@code X-Consul-Token} header by an interceptor of our HTTP
 * client, after consul-api has built (and possibly logged) the request, so it is never part of a
 * URL, of consul-api's request log or of an exception message. Thread-safe.
 */
final class ConsulTransport implements AutoCloseable {

  /**
   * What the agent answered.
   *
   * @param index the {@code X-Consul-Index} header, 0 when the agent sent none
   */
  record Reply(int status, String body, long index) {}

  private final CloseableHttpClient shortHttp;
  private final CloseableHttpClient heldHttp;
  private final ConsulRawClient shortRaw;
  private final ConsulRawClient heldRaw;
  private final Redactor redactor;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Sets up the HTTP clients; connects lazily.
   *
   * @throws IOException when the TLS material cannot be used
   */
  ConsulTransport(ConsulSettings settings) throws IOException {
    this.redactor = new Redactor(settings.token());
    SSLContext ssl = null;
    TlsSettings tls = settings.tls;
    if (settings.https()) {
      try {
        ssl = PemTls.context(tls.caCert(), tls.clientCert(), tls.clientKey(), tls.verify());
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot set up TLS to the Consul agent: " + e.getMessage(), e);
      }
    }
    Duration wait = settings.watch.queryWait();
    Duration heldRead = wait.plus(wait.dividedBy(16)).plus(settings.requestTimeout);
    this.shortHttp = http(settings, ssl, settings.requestTimeout, closed);
    this.heldHttp = http(settings, ssl, heldRead, closed);
    String host = settings.host.indexOf(':') >= 0 ? "[" + settings.host + "]" : settings.host;
    String base = settings.scheme + "://" + host;
    this.shortRaw = new ConsulRawClient(shortHttp, base, settings.port, "");
    this.heldRaw = new ConsulRawClient(heldHttp, base, settings.port, "");
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
            // the transport is closing (its own close cut the socket).
            .setRetryHandler(
                new DefaultHttpRequestRetryHandler(1, false) {
                  @Override
                  public boolean retryRequest(
                      IOException exception, int executionCount, HttpContext context) {
                    return !closed.get() && super.retryRequest(exception, executionCount, context);
                  }
                })
            .evictIdleConnections(30, TimeUnit.SECONDS)
            .disableCookieManagement()
            .setUserAgent("servicekit-registry-client")
            .addInterceptorLast(headers);
    if (ssl != null) {
      b.setSSLSocketFactory(
          new SSLConnectionSocketFactory(
              ssl,
              s.tls.verify()
                  ? SSLConnectionSocketFactory.getDefaultHostnameVerifier()
                  : NoopHostnameVerifier.INSTANCE));
    }
    return b.build();
  }

  /**
   * {@code GET path?query} within the request timeout.
   *
   * @param what the call, for error messages
   * @param query parameters in order; an empty value is sent as a bare flag ({@code ?passing})
   * @throws AgentException status 0 when the agent cannot be reached
   */
  Reply get(String what, String path, Map<String, String> query) throws AgentException {
    return get(shortRaw, what, path, query);
  }

  /**
   * {@code GET} of a blocking query the agent may hold for up to its {@code wait} parameter (at
   * most the configured watch wait); the read timeout allows for that.
   */
  Reply heldGet(String what, String path, Map<String, String> query) throws AgentException {
    return get(heldRaw, what, path, query);
  }

  private Reply get(ConsulRawClient raw, String what, String path, Map<String, String> query)
      throws AgentException {
    UrlParameters[] params = parameters(query).toArray(new UrlParameters[0]);
    return call(what, () -> raw.makeGetRequest(path, params));
  }

  /** {@code PUT path?query} without a body, within the request timeout. */
  Reply put(String what, String path, Map<String, String> query) throws AgentException {
    UrlParameters[] params = parameters(query).toArray(new UrlParameters[0]);
    return call(what, () -> shortRaw.makePutRequest(path, "", params));
  }

  /** {@code PUT path?query} with a JSON body, within the request timeout. */
  Reply put(String what, String path, Map<String, String> query, String json)
      throws AgentException {
    Request request =
        Request.Builder.newBuilder()
            .setEndpoint(path)
            .addUrlParameters(parameters(query))
            .setBinaryContent(json.getBytes(StandardCharsets.UTF_8))
            .build();
    return call(what, () -> shortRaw.makePutRequest(request));
  }

  private static List<UrlParameters> parameters(Map<String, String> query) {
    List<UrlParameters> out = new ArrayList<>(query.size());
    query.forEach(
        (k, v) ->
            out.add(v.isEmpty() ? new SingleUrlParameters(k) : new SingleUrlParameters(k, v)));
    return out;
  }

  private interface Call {
    HttpResponse run();
  }

  private Reply call(String what, Call call) throws AgentException {
    HttpResponse response;
    try {
      response = call.run();
    } catch (ConsulException e) {
      throw unreachable(what, e);
    }
    Long index = response.getConsulIndex();
    return new Reply(response.getStatusCode(), response.getContent(), index == null ? 0 : index);
  }

  private AgentException unreachable(String what, RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String detail = cause.getClass().getSimpleName();
    if (cause.getMessage() != null) {
      detail += ": " + cause.getMessage();
    }
    return new AgentException(0, redactor.redact(what + ": agent unreachable (" + detail + ")"));
  }

  /** The failure for an answer the call does not accept: status and the start of the body. */
  AgentException failure(String what, Reply reply) {
    String text = reply.body() == null ? "" : reply.body().strip();
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...";
    }
    String message =
        what + ": agent answered " + reply.status() + (text.isEmpty() ? "" : " (" + text + ")");
    return new AgentException(reply.status(), redactor.redact(message));
  }

  /** Cuts connections in use (a held query fails at once) and releases the pools. */
  @Override
  public void close() {
    closed.set(true);
    try {
      shortHttp.close();
    } catch (IOException ignored) {
      // closing sockets only
    }
    try {
      heldHttp.close();
    } catch (IOException ignored) {
      // closing sockets only
    }
  }
}
