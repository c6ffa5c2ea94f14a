package dev.servicekit.correlation.httpclient5;

import dev.servicekit.correlation.CorrelationPropagator;
import io.opentelemetry.context.Context;
import java.util.Objects;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;

/**
 * An Apache HttpClient 5 request interceptor that adds the correlation (id and, per mode, W3C trace
 * context and baggage) to each request; headers the request already carries are left alone.
 *
 * <pre>{@code
 * CloseableHttpClient client = HttpClients.custom()
 *     .addRequestInterceptorLast(CorrelationRequestInterceptor.create()).build();
 * }</pre>
 *
 * <p>The classic client runs interceptors on the calling thread, so the current Context is used.
 * The async client runs them on its I/O threads: put the caller's Context into the request's {@code
 * HttpContext} under {@value #CONTEXT_ATTRIBUTE}, which takes precedence.
 */
public final class CorrelationRequestInterceptor implements HttpRequestInterceptor {

  /** {@code HttpContext} attribute holding an OpenTelemetry {@link Context} to propagate. */
  public static final String CONTEXT_ATTRIBUTE = "dev.servicekit.correlation.context";

  private final CorrelationPropagator propagator;

  private CorrelationRequestInterceptor(CorrelationPropagator propagator) {
    this.propagator = propagator;
  }

  /**
   * An interceptor configured by {@link CorrelationPropagator#http()}.
   *
   * @return a new interceptor; add it with {@code addRequestInterceptorFirst}
   * @throws IllegalArgumentException when a {@code servicekit.correlation.*} setting is bad
   */
  public static CorrelationRequestInterceptor create() {
    return new CorrelationRequestInterceptor(CorrelationPropagator.http());
  }

  /**
   * An interceptor using {@code propagator}.
   *
   * @param propagator what to write on each request
   * @return a new interceptor; add it with {@code addRequestInterceptorFirst}
   */
  public static CorrelationRequestInterceptor create(CorrelationPropagator propagator) {
    return new CorrelationRequestInterceptor(Objects.requireNonNull(propagator, "propagator"));
  }

  @Override
  public void process(
      HttpRequest request, @Nullable EntityDetails entity, @Nullable HttpContext httpContext) {
    Object attribute = httpContext == null ? null : httpContext.getAttribute(CONTEXT_ATTRIBUTE);
    Context context = attribute instanceof Context ? (Context) attribute : Context.current();
    propagator.inject(
        context,
        (name, value) -> {
          if (!request.containsHeader(name)) {
            request.setHeader(name, value);
          }
        });
  }
}
