package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceOwnershipTest {

  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void aContextWithoutASpanIsOwnedByNoInstrumentation() {
    assertThat(TraceOwnership.instrumentationOwns(Context.root())).isFalse();
  }

  @Test
  void aSpanStartedByAnSdkIsOwnedByItsInstrumentation() {
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
      Span server = tracing.get("t").spanBuilder("GET /").setSpanKind(SpanKind.SERVER).startSpan();
      assertThat(TraceOwnership.instrumentationOwns(Context.root().with(server))).isTrue();
      server.end();
    }
  }

  @Test
  void aSpanTheSamplerDroppedIsStillOwnedByItsInstrumentation() {
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build()) {
      Span dropped = tracing.get("t").spanBuilder("GET /health").startSpan();
      assertThat(dropped.isRecording()).isFalse();
      assertThat(TraceOwnership.instrumentationOwns(Context.root().with(dropped))).isTrue();
    }
  }

  @Test
  void theCallersContextServicekitExtractedIsNotAnInstrumentationsSpan() {
    Context extracted =
        FastTraceContext.extract(Context.root(), Map.of("traceparent", TRACEPARENT)::get);
    assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isTrue();
    assertThat(TraceOwnership.instrumentationOwns(extracted)).isFalse();
  }

  @Test
  void decidingNeverTouchesGlobalOpenTelemetry() {
    TraceOwnership.instrumentationOwns(Context.current());
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }
}
