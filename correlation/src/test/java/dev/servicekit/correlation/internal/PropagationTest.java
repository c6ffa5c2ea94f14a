package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagationTest {

  private final Propagation propagation =
      new Propagation("X-Correlation-ID", List.of("X-Request-ID"), true, Propagation.Mode.ALWAYS);

  @Test
  void textMapExtractAddsOnlyAValidInboundId() {
    Map<String, String> in = new HashMap<>();
    Context none = propagation.extract(Context.root(), in, MapGetter.INSTANCE);
    assertThat(CorrelationKey.get(none)).isNull();

    in.put("X-Correlation-ID", "bad value");
    assertThat(CorrelationKey.get(propagation.extract(Context.root(), in, MapGetter.INSTANCE)))
        .isNull();

    in.put("X-Correlation-ID", "good");
    assertThat(CorrelationKey.get(propagation.extract(Context.root(), in, MapGetter.INSTANCE)))
        .isEqualTo("good");
  }

  @Test
  void extractForScopeAlwaysHoldsAnIdAndDoesNotInheritTheParentsOne() {
    Context parent = Context.root().with(CorrelationKey.KEY, "parent");
    Context extracted = propagation.extractForScope(parent, name -> null);
    assertThat(CorrelationKey.get(extracted)).isNotEqualTo("parent");
    assertThat(IdValidator.isValid(CorrelationKey.get(extracted))).isTrue();
  }

  @Test
  void fallbackHeadersAreReadButNeverWritten() {
    Context extracted =
        propagation.extractForScope(
            Context.root(), name -> "X-Request-ID".equals(name) ? "from-fallback" : null);
    Map<String, String> out = new HashMap<>();
    propagation.inject(extracted, out::put);
    assertThat(out).containsOnly(Map.entry("X-Correlation-ID", "from-fallback"));
  }

  @Test
  void ignoringInboundNeverReadsTheId() {
    Propagation edge =
        new Propagation("X-Correlation-ID", List.of(), false, Propagation.Mode.NEVER);
    assertThat(edge.readId(name -> "trusted?")).isNull();
  }

  @Test
  void fieldsFollowTheMode() {
    assertThat(propagation.fields())
        .containsExactly("X-Correlation-ID", "traceparent", "tracestate", "baggage");
    assertThat(new Propagation("correlation_id", List.of(), true, Propagation.Mode.NEVER).fields())
        .containsExactly("correlation_id");
  }

  enum MapGetter
      implements io.opentelemetry.context.propagation.TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier.get(key);
    }
  }
}
