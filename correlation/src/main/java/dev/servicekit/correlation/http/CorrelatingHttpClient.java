package dev.servicekit.correlation.http;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.CorrelationPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link HttpClient} that adds the current correlation (id and, per mode, W3C trace context and
 * baggage) to every request it sends, then delegates. Headers the request already carries are left
 * alone.
 *
 * <pre>{@code
 * HttpClient client = CorrelatingHttpClient.wrap(HttpClient.newHttpClient());
 * }</pre>
 *
 * <p>{@code sendAsync} reads the Context on the calling thread, and completes the returned future
 * inside that Context: stages attached before completion run with the caller's correlation id (and
 * MDC), which is restored afterwards on the client's thread. Cancelling the returned future is
 * passed on to the future of the underlying send.
 */
public final class CorrelatingHttpClient extends HttpClient {

  private final HttpClient delegate;
  private final CorrelationPropagator propagator;

  private CorrelatingHttpClient(HttpClient delegate, CorrelationPropagator propagator) {
    this.delegate = delegate;
    this.propagator = propagator;
  }

  /**
   * Wraps {@code client} with {@link CorrelationPropagator#http()}.
   *
   * @param client the client to send through
   * @return a client that sends through {@code client}; closing it closes {@code client} too
   * @throws IllegalArgumentException when a {@code servicekit.correlation.*} setting is bad
   */
  public static HttpClient wrap(HttpClient client) {
    return wrap(client, CorrelationPropagator.http());
  }

  /**
   * Wraps {@code client} with {@code propagator}.
   *
   * @param client the client to send through
   * @param propagator what to write on each request
   * @return a client that sends through {@code client}; closing it closes {@code client} too
   */
  public static HttpClient wrap(HttpClient client, CorrelationPropagator propagator) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(propagator, "propagator");
    if (client instanceof CorrelatingHttpClient) {
      return new CorrelatingHttpClient(((CorrelatingHttpClient) client).delegate, propagator);
    }
    return new CorrelatingHttpClient(client, propagator);
  }

  HttpRequest decorate(HttpRequest request, Context context) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
    propagator.inject(
        context,
        (name, value) -> {
          if (request.headers().firstValue(name).isEmpty()) {
            builder.setHeader(name, value);
          }
        });
    return builder.build();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return delegate.send(decorate(request, Context.current()), handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    Context context = Context.current();
    return completeIn(context, delegate.sendAsync(decorate(request, context), handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    Context context = Context.current();
    return completeIn(
        context, delegate.sendAsync(decorate(request, context), handler, pushPromiseHandler));
  }

  private static <T> CompletableFuture<T> completeIn(Context context, CompletableFuture<T> future) {
    CompletableFuture<T> result = new CompletableFuture<>();
    future.whenComplete(
        (value, failure) -> {
          Scope scope = Correlation.attach(context);
          try {
            if (failure != null) {
              result.completeExceptionally(failure);
            } else {
              result.complete(value);
            }
          } finally {
            scope.close();
          }
        });
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            future.cancel(true);
          }
        });
    return result;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  /**
   * On Java 21 and later, closes the wrapped client (the method of that name on {@code
   * HttpClient}); on Java 17, where clients have no lifecycle, does nothing.
   */
  public void close() {
    invokeOnDelegate("close");
  }

  /** On Java 21 and later, starts an orderly shutdown of the wrapped client; else does nothing. */
  public void shutdown() {
    invokeOnDelegate("shutdown");
  }

  /** On Java 21 and later, shuts the wrapped client down at once; else does nothing. */
  public void shutdownNow() {
    invokeOnDelegate("shutdownNow");
  }

  private void invokeOnDelegate(String method) {
    try {
      HttpClient.class.getMethod(method).invoke(delegate);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      // Java 17: the JDK client has no lifecycle methods
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public String toString() {
    return "CorrelatingHttpClient{" + delegate + "}";
  }
}
