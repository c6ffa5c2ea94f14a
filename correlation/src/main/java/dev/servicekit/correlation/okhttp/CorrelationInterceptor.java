package dev.servicekit.correlation.okhttp;

import dev.servicekit.correlation.CorrelationPropagator;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp interceptor that adds the correlation (id and, per mode, W3C trace context and baggage)
 * to each request; headers the request already carries are left alone.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .addInterceptor(CorrelationInterceptor.create()).build();
 * }</pre>
 *
 * <p>{@code execute()} runs interceptors on the calling thread, so the current Context is used.
 * {@code enqueue()} runs them on OkHttp's dispatcher threads: tag such requests with the caller's
 * Context, which takes precedence: {@code builder.tag(Context.class, Context.current())}.
 */
public final class CorrelationInterceptor implements Interceptor {

  private final CorrelationPropagator propagator;

  private CorrelationInterceptor(CorrelationPropagator propagator) {
    this.propagator = propagator;
  }

  /**
   * An interceptor configured by {@link CorrelationPropagator#http()}.
   *
   * @return a new interceptor; add it with {@code addInterceptor}
   * @throws IllegalArgumentException when a {@code servicekit.correlation.*} setting is bad
   */
  public static CorrelationInterceptor create() {
    return new CorrelationInterceptor(CorrelationPropagator.http());
  }

  /**
   * An interceptor using {@code propagator}.
   *
   * @param propagator what to write on each request
   * @return a new interceptor; add it with {@code addInterceptor}
   */
  public static CorrelationInterceptor create(CorrelationPropagator propagator) {
    return new CorrelationInterceptor(Objects.requireNonNull(propagator, "propagator"));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Context tagged = request.tag(Context.class);
    Context context = tagged != null ? tagged : Context.current();
    Request.Builder builder = request.newBuilder();
    propagator.inject(
        context,
        (name, value) -> {
          if (request.header(name) == null) {
            builder.header(name, value);
          }
        });
    return chain.proceed(builder.build());
  }
}
