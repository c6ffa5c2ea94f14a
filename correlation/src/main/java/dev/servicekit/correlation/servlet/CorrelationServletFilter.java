package dev.servicekit.correlation.servlet;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.internal.HeaderValues;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;

/**
 * A Jakarta Servlet filter that opens the correlation scope of each request: the validated inbound
 * id (or a fresh one), the inbound W3C trace context, and the MDC, for the whole filter chain. The
 * id is echoed on the response under the correlation header.
 *
 * <p>The Context of a request is extracted once, on its first dispatch, and kept as the request
 * attribute {@value #CONTEXT_ATTRIBUTE} (the id as {@value #ID_ATTRIBUTE}); async and error
 * dispatches of the same request resume it, so an error page or an {@code AsyncContext.dispatch()}
 * logs the same id. Register it for {@link #dispatcherTypes()}:
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new CorrelationServletFilter()), "/*",
 *     CorrelationServletFilter.dispatcherTypes());
 * }</pre>
 *
 * <p>Work started with {@code AsyncContext.start(...)} or handed to executors keeps the id through
 * {@link Correlation#wrap}.
 */
public final class CorrelationServletFilter implements Filter {

  /** Request attribute holding the request's OpenTelemetry {@link Context}. */
  public static final String CONTEXT_ATTRIBUTE = "dev.servicekit.correlation.context";

  /** Request attribute holding the request's correlation id. */
  public static final String ID_ATTRIBUTE = "dev.servicekit.correlation.id";

  private final CorrelationPropagator propagator;

  /**
   * A filter configured by {@link CorrelationPropagator#http()}.
   *
   * @throws IllegalArgumentException when a {@code servicekit.correlation.*} setting is bad
   */
  public CorrelationServletFilter() {
    this(CorrelationPropagator.http());
  }

  /**
   * A filter using {@code propagator}.
   *
   * @param propagator what to read from requests and write on responses
   */
  public CorrelationServletFilter(CorrelationPropagator propagator) {
    this.propagator = Objects.requireNonNull(propagator, "propagator");
  }

  /**
   * The dispatcher types to register the filter for: every one, so each dispatch is covered.
   *
   * @return a new set of every dispatcher type
   */
  public static EnumSet<DispatcherType> dispatcherTypes() {
    return EnumSet.allOf(DispatcherType.class);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest)) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletRequest http = (HttpServletRequest) request;
    Object stored = request.getAttribute(CONTEXT_ATTRIBUTE);
    Context context;
    if (stored instanceof Context) {
      context = (Context) stored;
    } else {
      context =
          propagator.extractContext(name -> HeaderValues.join(http.getHeaders(name).asIterator()));
      request.setAttribute(CONTEXT_ATTRIBUTE, context);
      request.setAttribute(ID_ATTRIBUTE, Correlation.idFrom(context));
    }
    if (response instanceof HttpServletResponse && !response.isCommitted()) {
      ((HttpServletResponse) response).setHeader(propagator.header(), Correlation.idFrom(context));
    }
    Scope scope = Correlation.attach(context);
    try {
      chain.doFilter(request, response);
    } finally {
      scope.close();
    }
  }
}
