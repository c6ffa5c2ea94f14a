package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class HopContextTest {

  private static final ContextKey<String> OTHER = ContextKey.named("other");

  private final Span span =
      Span.wrap(
          new RawSpanContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null, 1));
  private final RawBaggage baggage = RawBaggage.of("k=v");

  @Test
  void answersItsEntriesAndAsksTheParentForTheRest() {
    Context parent = Context.root().with(OTHER, "x");
    HopContext hop = new HopContext(parent, span, baggage, "id-1");
    assertThat(Span.fromContext(hop)).isSameAs(span);
    assertThat(Baggage.fromContext(hop)).isSameAs(baggage);
    assertThat(hop.get(CorrelationKey.KEY)).isEqualTo("id-1");
    assertThat(hop.get(OTHER)).isEqualTo("x");
  }

  @Test
  void withoutSpanOrBaggageShowsTheParents() {
    Span parentSpan = Span.wrap(span.getSpanContext());
    HopContext hop = new HopContext(Context.root().with(parentSpan), null, null, "id-1");
    assertThat(Span.fromContext(hop)).isSameAs(parentSpan);
    assertThat(Baggage.fromContext(hop).isEmpty()).isTrue();
  }

  @Test
  void withMakesAnOrdinaryContextHoldingTheSameEntries() {
    HopContext hop = new HopContext(Context.root(), span, baggage, "id-1");
    Context derived = hop.with(OTHER, "y");
    assertThat(derived).isNotInstanceOf(HopContext.class);
    assertThat(Span.fromContext(derived)).isSameAs(span);
    assertThat(Baggage.fromContext(derived)).isSameAs(baggage);
    assertThat(derived.get(CorrelationKey.KEY)).isEqualTo("id-1");
    assertThat(derived.get(OTHER)).isEqualTo("y");
  }

  @Test
  void extendsOnlyOpenTelemetrysOwnContexts() {
    assertThat(HopContext.canExtend(Context.root())).isTrue();
    assertThat(HopContext.canExtend(Context.root().with(OTHER, "x"))).isTrue();
    assertThat(HopContext.canExtend(new HopContext(Context.root(), null, null, "id"))).isTrue();
    Context foreign =
        new Context() {
          @Override
          public <V> V get(ContextKey<V> key) {
            return null;
          }

          @Override
          public <V> Context with(ContextKey<V> key, V value) {
            return this;
          }
        };
    assertThat(HopContext.canExtend(foreign)).isFalse();
  }

  @Test
  void becomesCurrentAndRestoresTheParent() {
    HopContext hop = new HopContext(Context.root(), span, baggage, "id-1");
    try (Scope ignored = hop.makeCurrent()) {
      assertThat(Context.current()).isSameAs(hop);
      assertThat(Span.current()).isSameAs(span);
    }
    assertThat(Context.current()).isSameAs(Context.root());
  }
}
