package dev.servicekit.correlation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.servicekit.correlation.http.CorrelationFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * A real JDK HttpServer on 127.0.0.1 with {@link CorrelationFilter}, run by a single pooled thread
 * so tests can check that thread's MDC afterwards. Its default handler reports what it saw.
 */
public final class LoopbackServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  private LoopbackServer(HttpHandler handler, CorrelationFilter filter) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", handler).getFilters().add(filter);
    server.setExecutor(pool);
    server.start();
  }

  /** A server whose handler reports what it saw (see {@link #report}). */
  public static LoopbackServer reporting() throws IOException {
    return new LoopbackServer(LoopbackServer::report, CorrelationFilter.create());
  }

  /** A server with its own handler. */
  public static LoopbackServer with(HttpHandler handler) throws IOException {
    return new LoopbackServer(handler, CorrelationFilter.create());
  }

  /** Writes {@code key=value} lines: id, mdc, and the correlation headers received. */
  public static void report(HttpExchange exchange) throws IOException {
    Map<String, String> seen = new LinkedHashMap<>();
    seen.put("id", Correlation.currentId());
    seen.put("mdc", MDC.get("correlation_id"));
    seen.put("trace_id", MDC.get("trace_id"));
    seen.put("header", exchange.getRequestHeaders().getFirst("X-Correlation-ID"));
    seen.put("traceparent", exchange.getRequestHeaders().getFirst("traceparent"));
    seen.put("tracestate", exchange.getRequestHeaders().getFirst("tracestate"));
    seen.put("baggage", exchange.getRequestHeaders().getFirst("baggage"));
    StringBuilder body = new StringBuilder();
    seen.forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
    respond(exchange, body.toString());
  }

  /** Sends a 200 with {@code body}. */
  public static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Parses a {@link #report} body. */
  public static Map<String, String> parse(String body) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String value = line.substring(eq + 1);
        map.put(line.substring(0, eq), "null".equals(value) ? null : value);
      }
    }
    return map;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** What the server's pooled thread has in its MDC now, between requests. */
  public Map<String, String> mdcOnServerThread() throws Exception {
    Future<Map<String, String>> mdc =
        pool.submit(
            () -> {
              Map<String, String> copy = MDC.getCopyOfContextMap();
              return copy == null ? Map.of() : copy;
            });
    return mdc.get(10, TimeUnit.SECONDS);
  }

  /** The server thread's current correlation id now, between requests. */
  public String idOnServerThread() throws Exception {
    return pool.submit(Correlation::currentId).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }
}
