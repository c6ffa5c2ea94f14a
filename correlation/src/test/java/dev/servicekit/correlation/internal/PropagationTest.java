package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0}: tracestate={1}, baggage={2}, parent baggage={3}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "AUTO, NULL, NULL, false",
        "AUTO, congo=t61rcWkgMzE;rojo=00f067aa0ba902b7, NULL, false",
        "AUTO, NULL, userId=alice;serverNode=DF28, false",
        "AUTO, NULL, NULL, true",
        "AUTO, congo=1, k=v, true",
        "ALWAYS, congo=1, k=v, false",
        "ALWAYS, NULL, NULL, true",
        "NEVER, congo=1, k=v, false",
      })
  void aHopWritesWhatAnOrdinaryContextWithTheSameEntriesWrites(
      Propagation.Mode mode, String tracestate, String baggage, boolean parentBaggage) {
    Propagation propagation = new Propagation("X-Correlation-ID", List.of(), true, mode);
    Map<String, String> in = new HashMap<>();
    in.put("X-Correlation-ID", "id-1");
    in.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    if (tracestate != null) {
      in.put("tracestate", tracestate.replace(';', ','));
    }
    if (baggage != null) {
      in.put("baggage", baggage.replace(';', ','));
    }
    Context parent =
        parentBaggage
            ? Context.root().with(Baggage.builder().put("from", "parent").build())
            : Context.root();
    Context hop = propagation.extractForScope(parent, in::get);
    assertThat(hop).isInstanceOf(HopContext.class);
    Context ordinary = hop.with(ContextKey.named("other"), "x");
    assertThat(ordinary).isNotInstanceOf(HopContext.class);

    Map<String, String> fromHop = new LinkedHashMap<>();
    propagation.inject(hop, fromHop::put);
    Map<String, String> fromOrdinary = new LinkedHashMap<>();
    propagation.inject(ordinary, fromOrdinary::put);

    assertThat(fromHop).containsExactlyEntriesOf(fromOrdinary);
    assertThat(fromHop).containsEntry("X-Correlation-ID", "id-1");
    if (mode == Propagation.Mode.NEVER) {
      assertThat(fromHop).containsOnlyKeys("X-Correlation-ID");
    } else {
      assertThat(fromHop).containsEntry("traceparent", in.get("traceparent"));
    }
  }

  @Test
  void aFailingSetterOnAHopNeverBreaksTheCaller() {
    Context hop =
        propagation.extractForScope(
            Context.root(),
            name ->
                "traceparent".equals(name)
                    ? "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                    : null);
    assertThat(hop).isInstanceOf(HopContext.class);
    propagation.inject(
        hop,
        (name, value) -> {
          throw new IllegalStateException("carrier is read-only");
        });
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
