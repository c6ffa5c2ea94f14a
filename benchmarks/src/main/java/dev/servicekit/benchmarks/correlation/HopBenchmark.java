package dev.servicekit.benchmarks.correlation;

import dev.servicekit.correlation.CorrelationPropagator;
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
 * open the scope with MDC, inject outbound, close) against OpenTelemetry's {@link
 * W3CTraceContextPropagator} extract + inject alone.
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

  /** Which W3C headers arrive besides the correlation id. */
  @Param({"traceparent", "traceparent+tracestate"})
  public String inbound;

  private final Map<String, String> headers = new HashMap<>();
  private UnaryOperator<String> getter;
  private final CorrelationPropagator servicekit = CorrelationPropagator.builder().build();
  private final W3CTraceContextPropagator w3c = W3CTraceContextPropagator.getInstance();

  @Setup
  public void setUp() {
    headers.put("X-Correlation-ID", "kF3q9ZpL0xYb7cVt2mNa8");
    headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    if (inbound.contains("tracestate")) {
      headers.put("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    }
    getter = headers::get;
  }

  @Benchmark
  public void servicekitHop(Blackhole bh) {
    BiConsumer<String, String> out = (name, value) -> bh.consume(value);
    Scope scope = servicekit.extract(getter);
    try {
      servicekit.inject(out);
    } finally {
      scope.close();
    }
  }

  /** Breakdown, not a goal: servicekit's propagation alone (extract + inject), no scope, no MDC. */
  @Benchmark
  public void servicekitExtractInjectOnly(Blackhole bh) {
    BiConsumer<String, String> out = (name, value) -> bh.consume(value);
    servicekit.inject(servicekit.extractContext(getter), out);
  }

  /**
   * Reference, not a goal: what servicekit's hop does, hand-written on OpenTelemetry (W3C extract,
   * id read without validation, scope, MDC set and removed, inject).
   */
  @Benchmark
  public void openTelemetryW3cWithScopeAndMdc(Blackhole bh) {
    TextMapSetter<Blackhole> out = (carrier, name, value) -> carrier.consume(value);
    Context context = w3c.extract(Context.root(), headers, MAP_GETTER);
    SpanContext span = Span.fromContext(context).getSpanContext();
    Scope scope = context.makeCurrent();
    try {
      MDC.put("correlation_id", headers.get("X-Correlation-ID"));
      MDC.put("trace_id", span.getTraceId());
      MDC.put("span_id", span.getSpanId());
      w3c.inject(Context.current(), bh, out);
      bh.consume(headers.get("X-Correlation-ID"));
    } finally {
      MDC.remove("correlation_id");
      MDC.remove("trace_id");
      MDC.remove("span_id");
      scope.close();
    }
  }

  @Benchmark
  public void openTelemetryW3cAlone(Blackhole bh) {
    TextMapSetter<Blackhole> out = (carrier, name, value) -> carrier.consume(value);
    Context context = w3c.extract(Context.root(), headers, MAP_GETTER);
    w3c.inject(context, bh, out);
  }
}
