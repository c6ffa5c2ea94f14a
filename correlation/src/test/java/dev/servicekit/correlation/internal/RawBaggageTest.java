package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RawBaggageTest {

  private static final W3CBaggagePropagator OTEL = W3CBaggagePropagator.getInstance();

  private static Context otelExtract(String header) {
    UnaryOperator<String> carrier = name -> "baggage".equals(name) ? header : null;
    return OTEL.extract(Context.root(), carrier, Carriers.GETTER);
  }

  private static String otelRoundTrip(String header) {
    Map<String, String> out = new HashMap<>();
    OTEL.inject(otelExtract(header), out, Map::put);
    return out.get("baggage");
  }

  @Test
  void forwardsWhatOpenTelemetryWritesForPlainHeaders() {
    for (String header :
        new String[] {
          "k=v",
          "userId=alice,serverNode=DF28,isProduction=false",
          "a=1,b=2,c=3",
          "b=2,a=1",
          "ab=1,a=2",
          "a=2,ab=1",
          "Z=1,a=2,_=3",
          "key=v-._~!$'()*&@:",
          "k!#$%&'*+-.^_`|~=x"
        }) {
      RawBaggage raw = RawBaggage.of(header);
      assertThat(raw).as(header).isNotNull();
      assertThat(raw.header()).as(header).isEqualTo(otelRoundTrip(header));
      assertThat(raw.asMap())
          .as(header)
          .isEqualTo(Baggage.fromContext(otelExtract(header)).asMap());
    }
  }

  @Test
  void leavesEveryOtherHeaderToOpenTelemetry() {
    for (String header :
        new String[] {
          "",
          "k",
          "k=",
          "=v",
          "k=v%20x",
          "k= v",
          "k =v",
          "k=v;p=1",
          "a=1,a=2",
          "a=1,,b=2",
          "a=1,",
          "k=v\u00e9",
          "k=\"v\"",
          "k(x)=v",
          "k=v,"
        }) {
      assertThat(RawBaggage.of(header)).as(header).isNull();
    }
  }

  @Test
  void agreesWithOpenTelemetryOnRandomHeaders() {
    Random random = new Random(42);
    String alphabet = "abcAB09=,; %-_.~!*'()&@:/\"";
    int plain = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + random.nextInt(24);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String header = b.toString();
      RawBaggage raw = RawBaggage.of(header);
      if (raw != null) {
        plain++;
        assertThat(raw.header()).as(header).isEqualTo(otelRoundTrip(header));
        assertThat(raw.asMap())
            .as(header)
            .isEqualTo(Baggage.fromContext(otelExtract(header)).asMap());
      }
    }
    assertThat(plain).isPositive();
  }

  @Test
  void readsAsTheBaggageOpenTelemetryParses() {
    RawBaggage raw = RawBaggage.of("userId=alice,isProduction=false");
    assertThat(raw.size()).isEqualTo(2);
    assertThat(raw.getEntryValue("userId")).isEqualTo("alice");
    assertThat(raw.isEmpty()).isFalse();
    assertThat(raw)
        .isEqualTo(Baggage.builder().put("userId", "alice").put("isProduction", "false").build());
    assertThat(Baggage.fromContext(Context.root().with(raw))).isSameAs(raw);
  }
}
