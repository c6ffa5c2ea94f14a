package dev.servicekit.correlation.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.internal.HeaderValues;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.Objects;

/**
 * A JDK {@code HttpServer} filter that opens the correlation scope of each exchange: the validated
 * inbound id (or a fresh one), the inbound W3C trace context, and the MDC, for the whole handler
 * call. The id is echoed on the response under the correlation header and stored as the exchange
 * attribute {@value #ID_ATTRIBUTE}.
 *
 * <pre>{@code
 * server.createContext("/", handler).getFilters().add(CorrelationFilter.create());
 * }</pre>
 *
 * <p>Work the handler hands to other threads keeps the id through {@link Correlation#wrap}.
 * Repeated request headers are read joined with {@code ","}, which makes a repeated id or {@code
 * traceparent} invalid, as it should be.
 */
public final class CorrelationFilter extends Filter {

  /** Exchange attribute holding the correlation id. */
  public static final String ID_ATTRIBUTE = "dev.servicekit.correlation.id";

  private final CorrelationPropagator propagator;

  private CorrelationFilter(CorrelationPropagator propagator) {
    this.propagator = propagator;
  }

  /**
   * A filter configured by {@link CorrelationPropagator#http()}.
   *
   * @return a new filter; one instance can serve every context of a server
   * @throws IllegalArgumentException when a {@code servicekit.correlation.*} setting is bad
   */
  public static CorrelationFilter create() {
    return new CorrelationFilter(CorrelationPropagator.http());
  }

  /**
   * A filter using {@code propagator}.
   *
   * @param propagator what to read from requests and write on responses
   * @return a new filter; one instance can serve every context of a server
   */
  public static CorrelationFilter create(CorrelationPropagator propagator) {
    return new CorrelationFilter(Objects.requireNonNull(propagator, "propagator"));
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    Context context = propagator.extractContext(name -> HeaderValues.join(headers.get(name)));
    String id = Correlation.idFrom(context);
    exchange.setAttribute(ID_ATTRIBUTE, id);
    exchange.getResponseHeaders().set(propagator.header(), id);
    Scope scope = Correlation.attach(context);
    try {
      chain.doFilter(exchange);
    } finally {
      scope.close();
    }
  }

  @Override
  public String description() {
    return "servicekit correlation (" + propagator.header() + ")";
  }
}
