package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FastTraceContextTest {

  private static final String TP = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private static UnaryOperator<String> carrier(String traceparent, String tracestate) {
    Map<String, String> map = new HashMap<>();
    if (traceparent != null) {
      map.put("traceparent", traceparent);
    }
    if (tracestate != null) {
      map.put("tracestate", tracestate);
    }
    return map::get;
  }

  private static Map<String, String> viaServicekit(String traceparent, String tracestate) {
    Map<String, String> out = new TreeMap<>();
    Context context = FastTraceContext.extract(Context.root(), carrier(traceparent, tracestate));
    FastTraceContext.inject(context, out::put);
    return out;
  }

  private static Map<String, String> viaOpenTelemetry(String traceparent, String tracestate) {
    Map<String, String> out = new TreeMap<>();
    W3CTraceContextPropagator w3c = W3CTraceContextPropagator.getInstance();
    Context context =
        w3c.extract(Context.root(), carrier(traceparent, tracestate), Carriers.GETTER);
    w3c.inject(context, (BiConsumerCarrier) out::put, (c, k, v) -> c.accept(k, v));
    return out;
  }

  interface BiConsumerCarrier extends java.util.function.BiConsumer<String, String> {}

  @ParameterizedTest(name = "{0} | {1}")
  @CsvSource(
      nullValues = "NULL",
      delimiter = '|',
      value = {
        TP + " | NULL",
        TP + " | congo=t61rcWkgMzE",
        TP + " | congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
        TP + " | tenant@vendor=value",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00 | NULL",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-ff | NULL",
        "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra | NULL",
        "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01 | NULL",
        "00-00000000000000000000000000000000-b7ad6b7169203331-01 | NULL",
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01 | NULL",
        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 | NULL",
        TP + " | congo=t61rcWkgMzE ,  rojo=1",
        TP + " | ,congo=1,,",
        TP + " | BAD=1",
        TP + " | k=v=w",
        "garbage | congo=1",
      })
  void writesWhatOpenTelemetryWouldWrite(String traceparent, String tracestate) {
    Map<String, String> expected = viaOpenTelemetry(traceparent, tracestate);
    assertThat(viaServicekit(traceparent, tracestate)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} | {1}")
  @CsvSource(
      nullValues = "NULL",
      delimiter = '|',
      value = {TP + " | NULL", TP + " | congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"})
  void extractedSpanContextEqualsOpenTelemetrysOwn(String traceparent, String tracestate) {
    SpanContext ours =
        Span.fromContext(FastTraceContext.extract(Context.root(), carrier(traceparent, tracestate)))
            .getSpanContext();
    SpanContext theirs =
        Span.fromContext(
                W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), carrier(traceparent, tracestate), Carriers.GETTER))
            .getSpanContext();
    assertThat(ours.getTraceId()).isEqualTo(theirs.getTraceId());
    assertThat(ours.getSpanId()).isEqualTo(theirs.getSpanId());
    assertThat(ours.getTraceFlags()).isEqualTo(theirs.getTraceFlags());
    assertThat(ours.getTraceState()).isEqualTo(theirs.getTraceState());
    assertThat(ours.isRemote()).isTrue();
    assertThat(ours.isValid()).isTrue();
    assertThat(ours).isEqualTo(theirs);
  }

  @Test
  void readsEveryFlagsByteAsOpenTelemetryDoes() {
    for (int flags = 0; flags < 256; flags++) {
      String hex = String.format("%02x", flags);
      String traceparent = TP.substring(0, 53) + hex;
      assertThat(FastTraceContext.plainTraceparentFlags(traceparent)).isEqualTo(flags);
      SpanContext ours =
          Span.fromContext(FastTraceContext.extract(Context.root(), carrier(traceparent, null)))
              .getSpanContext();
      assertThat(ours.getTraceFlags()).isEqualTo(TraceFlags.fromHex(hex, 0));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0A",
    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-g1",
    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1",
    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0Ā",
    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333ı-01",
    "00-0af7651916cd43dd8448eb211c8031éc-b7ad6b7169203331-01",
    "00-0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331-01",
  })
  void aTraceparentWithAnyOtherCharacterIsNotPlain(String traceparent) {
    assertThat(FastTraceContext.plainTraceparentFlags(traceparent)).isEqualTo(-1);
  }

  @Test
  void acceptsExactlyWhatACharByCharCheckAccepts() {
    // every position, every char up to U+017F: plain only where a straightforward check says so
    for (int position = 0; position < TP.length(); position++) {
      for (char c = 0; c < 0x180; c++) {
        String traceparent = TP.substring(0, position) + c + TP.substring(position + 1);
        assertThat(FastTraceContext.plainTraceparentFlags(traceparent) >= 0)
            .as("%s with U+%04X at %d", traceparent, (int) c, position)
            .isEqualTo(plainByTheRules(traceparent));
      }
    }
  }

  private static boolean plainByTheRules(String value) {
    if (!value.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
      return false;
    }
    return !value.substring(3, 35).equals("0".repeat(32))
        && !value.substring(36, 52).equals("0".repeat(16));
  }
}
