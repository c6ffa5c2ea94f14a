package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
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
}
