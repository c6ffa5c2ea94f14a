package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcScopeTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void mirrorsIdAndSpanAndRestoresAbsence() {
    SpanContext span =
        SpanContext.create(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getDefault(),
            TraceState.getDefault());
    Context context = Context.root().with(Span.wrap(span)).with(CorrelationKey.KEY, "id-1");
    try (Scope s = MdcScope.open(context)) {
      assertThat(Context.current()).isSameAs(context);
      assertThat(MDC.getCopyOfContextMap())
          .containsEntry("correlation_id", "id-1")
          .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
          .containsEntry("span_id", "00f067aa0ba902b7");
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void aContextWithoutIdOrSpanClearsThoseKeysWhileOpenAndRestoresThem() {
    MDC.put("correlation_id", "outer");
    MDC.put("span_id", "outer-span");
    MDC.put("unrelated", "kept");
    try (Scope s = MdcScope.open(Context.root())) {
      assertThat(MDC.get("correlation_id")).isNull();
      assertThat(MDC.get("span_id")).isNull();
      assertThat(MDC.get("unrelated")).isEqualTo("kept");
    }
    assertThat(MDC.get("correlation_id")).isEqualTo("outer");
    assertThat(MDC.get("span_id")).isEqualTo("outer-span");
    assertThat(MDC.get("trace_id")).isNull();
  }

  @Test
  void keysChangedInsideTheScopeAreRestoredToo() {
    try (Scope s = MdcScope.open(Context.root().with(CorrelationKey.KEY, "id-3"))) {
      MDC.put("trace_id", "set-by-the-application");
      MDC.put("correlation_id", "overwritten");
    }
    assertThat(MDC.get("trace_id")).isNull();
    assertThat(MDC.get("correlation_id")).isNull();
  }

  @Test
  void anInvalidSpanContextIsNotMirrored() {
    Context context = Context.root().with(Span.getInvalid()).with(CorrelationKey.KEY, "id-2");
    try (Scope s = MdcScope.open(context)) {
      assertThat(MDC.get("trace_id")).isNull();
      assertThat(MDC.get("correlation_id")).isEqualTo("id-2");
    }
  }

  @Test
  void aHopMirrorsWhatAnOrdinaryContextWithTheSameEntriesMirrors() {
    Propagation propagation =
        new Propagation("X-Correlation-ID", List.of(), true, Propagation.Mode.AUTO);
    Map<String, String> in =
        Map.of(
            "X-Correlation-ID", "id-4",
            "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    Context hop = propagation.extractForScope(Context.root(), in::get);
    assertThat(hop).isInstanceOf(HopContext.class);
    Context ordinary = hop.with(ContextKey.named("other"), "x");
    MDC.put("trace_id", "outer-trace");

    Map<String, String> viaHop;
    try (Scope s = MdcScope.open(hop)) {
      assertThat(Context.current()).isSameAs(hop);
      viaHop = MDC.getCopyOfContextMap();
    }
    assertThat(MDC.getCopyOfContextMap()).containsOnly(Map.entry("trace_id", "outer-trace"));
    Map<String, String> viaOrdinary;
    try (Scope s = MdcScope.open(ordinary)) {
      viaOrdinary = MDC.getCopyOfContextMap();
    }
    assertThat(viaHop)
        .isEqualTo(viaOrdinary)
        .containsOnly(
            Map.entry("correlation_id", "id-4"),
            Map.entry("trace_id", "0af7651916cd43dd8448eb211c80319c"),
            Map.entry("span_id", "b7ad6b7169203331"));
    assertThat(MDC.getCopyOfContextMap()).containsOnly(Map.entry("trace_id", "outer-trace"));
    assertThat(Context.current()).isSameAs(Context.root());
  }
}
