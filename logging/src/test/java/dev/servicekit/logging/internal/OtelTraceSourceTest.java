package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtelTraceSourceTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @Test
  void isDetectedWhenTheApiIsOnTheClasspath() {
    assertThat(TraceSource.detect()).isInstanceOf(OtelTraceSource.class);
  }

  @Test
  void readsTheCurrentValidSpanAndNothingOtherwise() {
    OtelTraceSource source = new OtelTraceSource();
    assertThat(source.current()).isNull();
    SpanContext context =
        SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope s = Span.wrap(context).makeCurrent()) {
      Object current = source.current();
      assertThat(source.traceId(current)).isEqualTo(TRACE);
      assertThat(source.spanId(current)).isEqualTo(SPAN);
    }
  }

  @Test
  void eventsLoggedInsideASpanCarryItsIds() {
    MemorySink sink = new MemorySink();
    JsonLoggerFactory factory =
        new JsonLoggerFactory(
            Events.config(), sink, new ThreadLocalMdcAdapter(), new OtelTraceSource());
    SpanContext context =
        SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope s = Span.wrap(context).makeCurrent()) {
      factory.getLogger("traced").info("inside");
    }
    factory.getLogger("traced").info("outside");
    factory.shutdown();
    var lines = Json.parseLines(sink.raw());
    assertThat(lines.get(0).get("trace.id").asText()).isEqualTo(TRACE);
    assertThat(lines.get(0).get("span.id").asText()).isEqualTo(SPAN);
    assertThat(lines.get(1).has("trace.id")).isFalse();
    assertThat(factory.flush(Duration.ofSeconds(1))).isTrue();
  }
}
