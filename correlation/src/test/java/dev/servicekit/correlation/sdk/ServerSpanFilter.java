package dev.servicekit.correlation.sdk;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.io.IOException;
import java.util.List;

/**
 * What an instrumentation does on a JDK HttpServer (the agent's filter comes first in the chain):
 * extracts the caller's context with the SDK's propagators and makes a SERVER span current for the
 * rest of the chain.
 */
final class ServerSpanFilter extends Filter {

  private static final TextMapGetter<HttpExchange> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpExchange carrier) {
          return carrier.getRequestHeaders().keySet();
        }

        @Override
        public String get(HttpExchange carrier, String key) {
          List<String> values = carrier == null ? null : carrier.getRequestHeaders().get(key);
          return values == null ? null : String.join(",", values);
        }
      };

  private final OpenTelemetry sdk;

  ServerSpanFilter(OpenTelemetry sdk) {
    this.sdk = sdk;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Context parent =
        sdk.getPropagators().getTextMapPropagator().extract(Context.current(), exchange, HEADERS);
    Span span =
        sdk.getTracer("test-server")
            .spanBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath())
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .startSpan();
    try (Scope scope = parent.with(span).makeCurrent()) {
      chain.doFilter(exchange);
    } finally {
      span.end();
    }
  }

  @Override
  public String description() {
    return "SERVER span, as an instrumentation starts it";
  }
}
