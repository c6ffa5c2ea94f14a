package dev.servicekit.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

class CorrelationPropagatorTest {

  static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  static final String TEN_KB = "a".repeat(10 * 1024);

  private final CorrelationPropagator http =
      CorrelationPropagator.builder()
          .fallbackHeader("X-Request-ID")
          .traceContext(TraceContextMode.PROPAGATE)
          .build();

  @AfterEach
  void cleanUp() {
    MDC.clear();
    System.clearProperty(CorrelationPropagator.HEADER_KEY);
    System.clearProperty(CorrelationPropagator.INBOUND_KEY);
    System.clearProperty(CorrelationPropagator.TRACE_CONTEXT_KEY);
  }

  private static UnaryOperator<String> headers(String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i].toLowerCase(java.util.Locale.ROOT), pairs[i + 1]);
    }
    return name -> map.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  private Map<String, String> hop(CorrelationPropagator propagator, UnaryOperator<String> in) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Scope s = propagator.extract(in)) {
      propagator.inject(out::put);
    }
    return out;
  }

  @Test
  void continuesAValidInboundIdAndWritesItOutbound() {
    try (Scope s = http.extract(headers("x-correlation-id", "abc-123"))) {
      assertThat(Correlation.currentId()).isEqualTo("abc-123");
      assertThat(MDC.get("correlation_id")).isEqualTo("abc-123");
      Map<String, String> out = new HashMap<>();
      http.inject(out::put);
      assertThat(out).containsEntry("X-Correlation-ID", "abc-123");
    }
    assertThat(MDC.get("correlation_id")).isNull();
    assertThat(Correlation.currentId()).isNull();
  }

  @Test
  void readsXRequestIdWhenTheCorrelationHeaderIsAbsent() {
    assertThat(hop(http, headers("X-Request-ID", "req-7")))
        .containsEntry("X-Correlation-ID", "req-7");
  }

  @Test
  void startsAFreshIdWhenNoIdArrives() {
    Map<String, String> out = hop(http, headers());
    assertThat(Correlation.isValidId(out.get("X-Correlation-ID"))).isTrue();
  }

  @Test
  void ignorePolicyStartsAFreshIdEvenForAValidInboundOne() {
    CorrelationPropagator edge =
        CorrelationPropagator.builder().inbound(InboundPolicy.IGNORE).build();
    assertThat(hop(edge, headers("X-Correlation-ID", "trusted-by-nobody")).get("X-Correlation-ID"))
        .isNotEqualTo("trusted-by-nobody");
  }

  @Test
  void continuesAnInboundW3cTraceUnchangedWithoutAnSdk() {
    Map<String, String> out =
        hop(http, headers("traceparent", TRACEPARENT, "tracestate", "congo=t61rcWkgMzE"));
    assertThat(out)
        .containsEntry("traceparent", TRACEPARENT)
        .containsEntry("tracestate", "congo=t61rcWkgMzE");
  }

  @Test
  void mirrorsTheInboundTraceIntoMdc() {
    try (Scope s = http.extract(headers("traceparent", TRACEPARENT))) {
      assertThat(MDC.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(MDC.get("span_id")).isEqualTo("b7ad6b7169203331");
    }
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void propagatesBaggage() {
    Map<String, String> out = hop(http, headers("baggage", "tenant=acme"));
    assertThat(out).containsEntry("baggage", "tenant=acme");
  }

  @Test
  void offModePropagatesTheIdOnly() {
    CorrelationPropagator off =
        CorrelationPropagator.builder().traceContext(TraceContextMode.OFF).build();
    Map<String, String> out =
        hop(off, headers("X-Correlation-ID", "only", "traceparent", TRACEPARENT));
    assertThat(out).containsOnlyKeys("X-Correlation-ID");
  }

  @Test
  void autoModeLeavesTraceHeadersToAnInstrumentationWhoseSpanIsCurrent() {
    CorrelationPropagator auto = CorrelationPropagator.builder().build();
    assertThat(hop(auto, headers("traceparent", TRACEPARENT))).containsKey("traceparent");
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
      Span server =
          tracing.get("test").spanBuilder("GET /").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope instrumentation = server.makeCurrent()) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Scope s =
            auto.extract(headers("X-Correlation-ID", "sdk", "traceparent", TRACEPARENT))) {
          assertThat(Span.current()).isSameAs(server);
          auto.inject(out::put);
        }
        assertThat(out)
            .containsOnlyKeys("X-Correlation-ID")
            .containsEntry("X-Correlation-ID", "sdk");
      } finally {
        server.end();
      }
    }
  }

  @Test
  void propagateModeNeverReplacesAnInstrumentationsCurrentSpan() {
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
      Span server =
          tracing.get("test").spanBuilder("GET /").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope instrumentation = server.makeCurrent();
          Scope s = http.extract(headers("traceparent", TRACEPARENT))) {
        assertThat(Span.current()).isSameAs(server);
        assertThat(MDC.get("span_id")).isEqualTo(server.getSpanContext().getSpanId());
      } finally {
        server.end();
      }
    }
  }

  @Test
  void propagateModeWritesTheCurrentInstrumentationSpan() {
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
      Span client = tracing.get("test").spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan();
      Map<String, String> out = new LinkedHashMap<>();
      try (Scope instrumentation = client.makeCurrent()) {
        http.inject(out::put);
      } finally {
        client.end();
      }
      assertThat(out.get("traceparent"))
          .isEqualTo(
              "00-"
                  + client.getSpanContext().getTraceId()
                  + "-"
                  + client.getSpanContext().getSpanId()
                  + "-"
                  + client.getSpanContext().getTraceFlags().asHex());
    }
  }

  @Test
  void messagingUsesNamesThatAreLegalJmsIdentifiers() {
    CorrelationPropagator messaging = CorrelationPropagator.messaging();
    assertThat(messaging.header()).isEqualTo("correlation_id");
    assertThat(messaging.asTextMapPropagator().fields())
        .isNotEmpty()
        .allSatisfy(
            name -> {
              assertThat(Character.isJavaIdentifierStart(name.charAt(0))).isTrue();
              assertThat(name.chars().allMatch(Character::isJavaIdentifierPart)).isTrue();
            });
  }

  @Test
  void httpReadsTheHeaderNameAndPoliciesFromSystemProperties() {
    System.setProperty(CorrelationPropagator.HEADER_KEY, "X-Flow-ID");
    System.setProperty(CorrelationPropagator.INBOUND_KEY, "ignore");
    System.setProperty(CorrelationPropagator.TRACE_CONTEXT_KEY, "off");
    CorrelationPropagator configured = CorrelationPropagator.http();
    assertThat(configured.header()).isEqualTo("X-Flow-ID");
    assertThat(configured.inbound()).isEqualTo(InboundPolicy.IGNORE);
    assertThat(configured.traceContext()).isEqualTo(TraceContextMode.OFF);
  }

  @Test
  void badSettingFailsNamingKeyValueAndExpectation() {
    System.setProperty(CorrelationPropagator.INBOUND_KEY, "maybe");
    assertThatThrownBy(CorrelationPropagator::http)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("servicekit.correlation.inbound")
        .hasMessageContaining("maybe")
        .hasMessageContaining("accept | ignore");
    System.setProperty(CorrelationPropagator.INBOUND_KEY, "accept");
    System.setProperty(CorrelationPropagator.HEADER_KEY, "X Bad");
    assertThatThrownBy(CorrelationPropagator::http)
        .hasMessageContaining("servicekit.correlation.header");
  }

  @Test
  void composesWithOpenTelemetryPropagators() {
    TextMapPropagator composite =
        TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(),
            CorrelationPropagator.builder()
                .traceContext(TraceContextMode.OFF)
                .build()
                .asTextMapPropagator());
    Map<String, String> in = Map.of("X-Correlation-ID", "composed", "traceparent", TRACEPARENT);
    Context extracted =
        composite.extract(
            Context.root(),
            in,
            new TextMapGetter<Map<String, String>>() {
              @Override
              public Iterable<String> keys(Map<String, String> carrier) {
                return carrier.keySet();
              }

              @Override
              public String get(Map<String, String> carrier, String key) {
                return carrier.get(key);
              }
            });
    Map<String, String> out = new HashMap<>();
    composite.inject(extracted, out, Map::put);
    assertThat(out)
        .containsEntry("X-Correlation-ID", "composed")
        .containsEntry("traceparent", TRACEPARENT);
  }

  static Stream<Arguments> hostileIds() {
    return Stream.of(
        Arguments.of("CR LF", "abc\r\nX-Injected: 1"),
        Arguments.of("LF", "abc\ndef"),
        Arguments.of("NUL", "abc\u0000def"),
        Arguments.of("NEL U+0085", "abc\u0085def"),
        Arguments.of("10 KB", TEN_KB),
        Arguments.of("129 chars", "a".repeat(129)),
        Arguments.of("repeated header joined", "first,second"),
        Arguments.of("space", "a b"),
        Arguments.of("empty", ""),
        Arguments.of("non-ASCII", "caf\u00e9"),
        Arguments.of("log template", "${jndi:ldap://x}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileIds")
  void hostileInboundIdIsReplacedCountedAndNeverWritten(String label, String hostile) {
    long before = Correlation.rejectedCount();
    Map<String, String> out = new LinkedHashMap<>();
    try (Scope s = http.extract(headers("X-Correlation-ID", hostile))) {
      assertThat(Correlation.currentId()).isNotEqualTo(hostile).matches("[A-Za-z0-9.-]{21}");
      assertThat(MDC.get("correlation_id")).isEqualTo(Correlation.currentId());
      http.inject(out::put);
    }
    assertThat(Correlation.rejectedCount()).isEqualTo(before + 1);
    assertThat(out.values())
        .noneMatch(v -> !hostile.isEmpty() && v.contains(hostile))
        .allMatch(CorrelationPropagatorTest::isClean);
  }

  static Stream<Arguments> hostileTraceparents() {
    String valid = TRACEPARENT;
    return Stream.of(
        Arguments.of("CR LF appended", valid + "\r\nX-Injected: 1"),
        Arguments.of("NUL inside", valid.substring(0, 10) + "\u0000" + valid.substring(11)),
        Arguments.of("NEL inside", valid.substring(0, 10) + "\u0085" + valid.substring(11)),
        Arguments.of("10 KB", "00-" + TEN_KB),
        Arguments.of("repeated header joined", valid + "," + valid),
        Arguments.of(
            "all-zero trace id", "00-00000000000000000000000000000000-b7ad6b7169203331-01"),
        Arguments.of("all-zero span id", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"),
        Arguments.of("version ff", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        Arguments.of("not hex", "00-0af7651916cd43dd8448eb211c80319z-b7ad6b7169203331-01"),
        Arguments.of("too short", "00-0af7651916cd43dd-b7ad6b7169203331-01"),
        Arguments.of("garbage", "hello"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTraceparents")
  void invalidTraceparentIsIgnoredAndNothingHostileIsWritten(String label, String hostile) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Scope s =
        http.extract(headers("traceparent", hostile, "tracestate", "congo=t61rcWkgMzE"))) {
      assertThat(MDC.get("trace_id")).isNull();
      http.inject(out::put);
    }
    assertThat(out).doesNotContainKeys("traceparent", "tracestate");
    assertThat(out.values()).allMatch(CorrelationPropagatorTest::isClean);
  }

  @Test
  void hostileTracestateIsDroppedWhileTheTraceContinues() {
    Map<String, String> out =
        hop(http, headers("traceparent", TRACEPARENT, "tracestate", "congo=ok\r\nX-Injected: 1"));
    assertThat(out).containsEntry("traceparent", TRACEPARENT).doesNotContainKey("tracestate");
  }

  @Test
  void hostileBaggageIsDropped() {
    Map<String, String> out = hop(http, headers("baggage", "k=v\r\nX-Injected: 1"));
    assertThat(out).doesNotContainKey("baggage");
    assertThat(hop(http, headers("baggage", "k=" + TEN_KB))).doesNotContainKey("baggage");
  }

  @Test
  void hostileBaggageSetByTheApplicationNeverReachesOutboundHeadersRaw() {
    Map<String, String> out = new HashMap<>();
    Baggage baggage = Baggage.builder().put("k", "line\r\nbreak").put("bad key\n", "v").build();
    try (Scope b = Context.current().with(baggage).makeCurrent();
        Scope s = Correlation.begin("x")) {
      http.inject(out::put);
    }
    assertThat(out.values()).allMatch(CorrelationPropagatorTest::isClean);
  }

  @Test
  void failingCarriersNeverThrowIntoTheCaller() {
    UnaryOperator<String> broken =
        name -> {
          throw new IllegalStateException("carrier broke");
        };
    try (Scope s = http.extract(broken)) {
      assertThat(Correlation.currentId()).isNotNull();
      http.inject(
          (name, value) -> {
            throw new IllegalStateException("carrier broke");
          });
    }
    try (Scope s = http.extract(null)) {
      assertThat(Correlation.currentId()).isNotNull();
    }
  }

  static boolean isClean(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e) && value.length() <= 8192;
  }
}
