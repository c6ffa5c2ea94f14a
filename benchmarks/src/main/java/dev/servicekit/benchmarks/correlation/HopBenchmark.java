package dev.servicekit.benchmarks.correlation;

import dev.servicekit.correlation.CorrelationPropagator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;

/**
 * One service hop on the same inbound headers: servicekit's full hop (extract id and W3C context,
 * open the scope with MDC, inject outbound, close) against the same work hand-written on
 * OpenTelemetry's {@link W3CTraceContextPropagator} and {@link W3CBaggagePropagator} with the MDC,
 * and against OpenTelemetry's extract + inject alone. The setup runs each side once and fails the
 * run unless both wrote the same outbound headers and put the same MDC entries inside the scope.
 *
 * <p>The benchmarks jar holds two SLF4J providers (servicekit-logging and Logback); the fork pins
 * Logback's, the MDC backend most users have, so the numbers do not depend on class-path order.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider")
public class HopBenchmark {

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private static final String ID = "kF3q9ZpL0xYb7cVt2mNa8";
  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  /**
   * Which W3C headers arrive besides the correlation id: a bare {@code traceparent}, or with a
   * three-entry {@code baggage}, or with a two-member {@code tracestate}.
   */
  @Param({"traceparent", "traceparent+baggage", "traceparent+tracestate"})
  public String inbound;

  private final Map<String, String> headers = new HashMap<>();
  private UnaryOperator<String> getter;
  private final CorrelationPropagator servicekit = CorrelationPropagator.builder().build();
  private final W3CTraceContextPropagator w3c = W3CTraceContextPropagator.getInstance();
  private final W3CBaggagePropagator baggage = W3CBaggagePropagator.getInstance();

  /**
   * servicekit's outbound setter, made once like the hand-written side's (a lambda that captures
   * nothing); one made per call would add an allocation the other side does not have.
   */
  private BiConsumer<String, String> outbound;

  @Setup
  public void setUp(Blackhole bh) {
    outbound = (name, value) -> bh.consume(value);
    headers.put("X-Correlation-ID", ID);
    headers.put("traceparent", TRACEPARENT);
    if (inbound.contains("tracestate")) {
      headers.put("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    }
    if (inbound.contains("baggage")) {
      headers.put("baggage", "userId=alice,serverNode=DF28,isProduction=false");
    }
    getter = headers::get;
    check();
  }

  /** Runs each side once; throws unless both did the same work. */
  private void check() {
    Map<String, String> sk = new HashMap<>();
    Map<String, String> skMdc = new HashMap<>();
    Scope scope = servicekit.extract(getter);
    try {
      servicekit.inject(
          (name, value) -> {
            sk.put(name, value);
            skMdc.putAll(MDC.getCopyOfContextMap());
          });
    } finally {
      scope.close();
    }
    expectEmptyMdc("servicekit");
    Map<String, String> otel = new HashMap<>();
    Map<String, String> otelMdc = new HashMap<>();
    Blackhole sink =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    try {
      openTelemetry(
          sink,
          (carrier, name, value) -> {
            otel.put(name, value);
            otelMdc.putAll(MDC.getCopyOfContextMap());
          });
    } finally {
      sink.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
    expectEmptyMdc("OpenTelemetry");
    otel.put("X-Correlation-ID", ID); // the hand-written side forwards the id as read
    Map<String, String> expectedMdc =
        Map.of(
            "correlation_id", ID,
            "trace_id", TRACEPARENT.substring(3, 35),
            "span_id", TRACEPARENT.substring(36, 52));
    Map<String, String> expectedHeaders = new HashMap<>(headers);
    if (expectedHeaders.containsKey("baggage")) {
      // W3C baggage goes out with its members sorted by key, as OpenTelemetry writes it
      expectedHeaders.put("baggage", "isProduction=false,serverNode=DF28,userId=alice");
    }
    if (!sk.equals(expectedHeaders) || !otel.equals(expectedHeaders)) {
      throw new IllegalStateException(
          "outbound headers differ: expected "
              + expectedHeaders
              + ", servicekit "
              + sk
              + ", OpenTelemetry "
              + otel);
    }
    if (!skMdc.equals(expectedMdc) || !otelMdc.equals(expectedMdc)) {
      throw new IllegalStateException(
          "MDC in scope differs: expected "
              + expectedMdc
              + ", servicekit "
              + skMdc
              + ", OpenTelemetry "
              + otelMdc);
    }
  }

  private static void expectEmptyMdc(String side) {
    Map<String, String> left = MDC.getCopyOfContextMap();
    if (left != null && !left.isEmpty()) {
      throw new IllegalStateException(side + " left MDC entries behind: " + left);
    }
  }

  @Benchmark
  public void servicekitHop() {
    Scope scope = servicekit.extract(getter);
    try {
      servicekit.inject(outbound);
    } finally {
      scope.close();
    }
  }

  /** Breakdown, not a goal: servicekit's propagation alone (extract + inject), no scope, no MDC. */
  @Benchmark
  public void servicekitExtractInjectOnly() {
    servicekit.inject(servicekit.extractContext(getter), outbound);
  }

  /**
   * The goal's reference: what servicekit's hop does, hand-written on OpenTelemetry (W3C trace
   * context and baggage extract, id read without validation, scope, MDC set and removed, inject).
   */
  @Benchmark
  public void openTelemetryW3cWithScopeAndMdc(Blackhole bh) {
    openTelemetry(bh, (carrier, name, value) -> carrier.consume(value));
  }

  private void openTelemetry(Blackhole bh, TextMapSetter<Blackhole> out) {
    Context context = w3c.extract(Context.root(), headers, MAP_GETTER);
    context = baggage.extract(context, headers, MAP_GETTER);
    SpanContext span = Span.fromContext(context).getSpanContext();
    Scope scope = context.makeCurrent();
    try {
      MDC.put("correlation_id", headers.get("X-Correlation-ID"));
      MDC.put("trace_id", span.getTraceId());
      MDC.put("span_id", span.getSpanId());
      Context current = Context.current();
      w3c.inject(current, bh, out);
      baggage.inject(current, bh, out);
      bh.consume(headers.get("X-Correlation-ID"));
    } finally {
      MDC.remove("correlation_id");
      MDC.remove("trace_id");
      MDC.remove("span_id");
      scope.close();
    }
  }

  /** Breakdown, not a goal: OpenTelemetry's W3C trace context and baggage extract + inject. */
  @Benchmark
  public void openTelemetryW3cAlone(Blackhole bh) {
    TextMapSetter<Blackhole> out = (carrier, name, value) -> carrier.consume(value);
    Context context = w3c.extract(Context.root(), headers, MAP_GETTER);
    context = baggage.extract(context, headers, MAP_GETTER);
    w3c.inject(context, bh, out);
    baggage.inject(context, bh, out);
  }
}
