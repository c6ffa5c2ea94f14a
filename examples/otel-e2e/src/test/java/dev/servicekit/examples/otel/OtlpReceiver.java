package dev.servicekit.examples.otel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1: accepts {@code POST /v1/traces} in {@code
 * http/protobuf}, decodes it with OTLP's own message classes and keeps every span with its
 * resource.
 */
final class OtlpReceiver implements AutoCloseable {

  /** One exported span, ids in lower-case hex, attributes as lists of strings. */
  record ReceivedSpan(
      Map<String, String> resource,
      String traceId,
      String spanId,
      String parentSpanId,
      Span.SpanKind kind,
      String name,
      Map<String, List<String>> attributes) {

    String service() {
      return resource.getOrDefault("service.name", "");
    }

    @Override
    public String toString() {
      return service()
          + " "
          + kind
          + " '"
          + name
          + "' trace "
          + traceId
          + " span "
          + spanId
          + " parent "
          + (parentSpanId.isEmpty() ? "-" : parentSpanId);
    }
  }

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  static OtlpReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext("/v1/traces", receiver::handle);
    server.start();
    return receiver;
  }

  /** The traces endpoint, for {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}. */
  String tracesEndpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans rs : request.getResourceSpansList()) {
        Map<String, String> resource = resource(rs.getResource());
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span span : ss.getSpansList()) {
            spans.add(
                new ReceivedSpan(
                    resource,
                    hex(span.getTraceId().toByteArray()),
                    hex(span.getSpanId().toByteArray()),
                    hex(span.getParentSpanId().toByteArray()),
                    span.getKind(),
                    span.getName(),
                    attributes(span.getAttributesList())));
          }
        }
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static Map<String, String> resource(Resource resource) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyValue kv : resource.getAttributesList()) {
      map.put(kv.getKey(), String.join(",", strings(kv.getValue())));
    }
    return map;
  }

  private static Map<String, List<String>> attributes(List<KeyValue> list) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      map.put(kv.getKey(), strings(kv.getValue()));
    }
    return map;
  }

  private static List<String> strings(AnyValue value) {
    List<String> out = new ArrayList<>();
    switch (value.getValueCase()) {
      case ARRAY_VALUE:
        value.getArrayValue().getValuesList().forEach(v -> out.addAll(strings(v)));
        break;
      case STRING_VALUE:
        out.add(value.getStringValue());
        break;
      case INT_VALUE:
        out.add(Long.toString(value.getIntValue()));
        break;
      case BOOL_VALUE:
        out.add(Boolean.toString(value.getBoolValue()));
        break;
      case DOUBLE_VALUE:
        out.add(Double.toString(value.getDoubleValue()));
        break;
      default:
        out.add(value.toString());
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
