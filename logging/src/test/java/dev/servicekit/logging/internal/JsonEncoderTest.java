package dev.servicekit.logging.internal;

import static dev.servicekit.logging.internal.Events.config;
import static dev.servicekit.logging.internal.Events.encode;
import static dev.servicekit.logging.internal.Events.event;
import static dev.servicekit.logging.internal.Events.mdc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.logging.LogProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonEncoderTest {

  private static final LogConfig IDENTIFIED =
      LogConfig.of(
          Map.of(
              "servicekit.service.name", "orders",
              "servicekit.service.version", "1.2.3",
              "servicekit.service.environment", "prod"),
          Map.of());

  @Test
  void aLineSayingAnEventCouldNotBeEncodedIsValidInEveryProfile() {
    for (LogProfile profile : LogProfile.all()) {
      JsonBuffer out = new JsonBuffer(64);
      new JsonEncoder(config("servicekit.log.profile", profile.id()))
          .encodeFailure(event(40, "m", null, null, null, null, null), new OutOfMemoryError(), out);
      JsonNode line = Json.parse(out.toString());
      assertThat(Json.fieldNames(line))
          .startsWith(
              profile.name(LogProfile.LogField.TIMESTAMP).orElseThrow(),
              profile.name(LogProfile.LogField.LEVEL).orElseThrow(),
              profile.name(LogProfile.LogField.MESSAGE).orElseThrow());
      assertThat(line.get(profile.name(LogProfile.LogField.MESSAGE).orElseThrow()).asText())
          .contains("could not encode")
          .contains("OutOfMemoryError");
      profile
          .name(LogProfile.LogField.FORMAT_VERSION)
          .ifPresent(version -> assertThat(line.has(version)).isTrue());
    }
  }

  @Test
  void takesTraceIdsFromTheMdcWithoutRepeatingThem() {
    JsonNode line =
        Json.parse(
            encode(
                config(),
                event(20, "m", null, null, mdc("trace_id", "t1", "span_id", "s1"), null, null)));
    assertThat(line.get("trace.id").asText()).isEqualTo("t1");
    assertThat(line.get("span.id").asText()).isEqualTo("s1");
    assertThat(line.has("trace_id")).isFalse();
  }

  @Test
  void keepsCollidingUserKeysUnderAnUnderscoredName() {
    LogEvent e =
        event(
            20,
            "real message",
            null,
            null,
            mdc("message", "from mdc", "_message", "taken", "user", "u1"),
            List.of(
                new KeyValuePair("message", "from kv"),
                new KeyValuePair("user", "u2"),
                new KeyValuePair("user", "u3")),
            null);
    JsonNode line = Json.parse(encode(config(), e));
    assertThat(line.get("message").asText()).isEqualTo("real message");
    assertThat(line.get("_message").asText()).isEqualTo("from mdc");
    assertThat(line.get("__message").asText()).isEqualTo("taken");
    assertThat(line.get("___message").asText()).isEqualTo("from kv");
    assertThat(line.get("user").asText()).isEqualTo("u1");
    assertThat(line.get("_user").asText()).isEqualTo("u2");
    assertThat(line.get("__user").asText()).isEqualTo("u3");
  }

  @Test
  void formatsPlaceholdersLikeSlf4j() {
    assertThat(message("a {} b {}", 1, "x")).isEqualTo("a 1 b x");
    assertThat(message("escaped \\{} then {}", 7)).isEqualTo("escaped {} then 7");
    assertThat(message("double \\\\{}", 7)).isEqualTo("double \\7");
    assertThat(message("too few {} {}", 1)).isEqualTo("too few 1 {}");
    assertThat(message("arrays {}", (Object) new int[] {1, 2})).isEqualTo("arrays [1, 2]");
    assertThat(message(null)).isEqualTo("null");
  }

  @Test
  void writesTypedKeyValues() {
    LogEvent e =
        event(
            20,
            "m",
            null,
            null,
            null,
            List.of(
                new KeyValuePair("i", 1),
                new KeyValuePair("d", 1.5),
                new KeyValuePair("nan", Double.NaN),
                new KeyValuePair("b", true),
                new KeyValuePair("n", null),
                new KeyValuePair("big", new java.math.BigDecimal("1E+3")),
                new KeyValuePair("list", List.of(1, 2))),
            null);
    JsonNode line = Json.parse(encode(config(), e));
    assertThat(line.get("i").isInt()).isTrue();
    assertThat(line.get("d").asDouble()).isEqualTo(1.5);
    assertThat(line.get("nan").asText()).isEqualTo("NaN");
    assertThat(line.get("b").asBoolean()).isTrue();
    assertThat(line.get("n").isNull()).isTrue();
    assertThat(line.get("big").decimalValue()).isEqualByComparingTo("1000");
    assertThat(line.get("list").asText()).isEqualTo("[1, 2]");
  }

  @Test
  void writesAPlaceholderForAThrowingToString() {
    Object bad =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no");
          }
        };
    String m = message("value {}", bad);
    assertThat(m).startsWith("value [toString() of ").contains("IllegalStateException");
  }

  @Test
  void truncatesOversizedLinesToValidJsonThatSaysSo() {
    String huge = "x".repeat(100_000);
    LogEvent e = event(20, huge, null, new RuntimeException(huge), mdc("k", huge), null, null);
    String line = encode(config(), e);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isLessThanOrEqualTo(LogConfig.DEFAULT_MAX_LINE_BYTES);
    JsonNode node = Json.parse(line.substring(0, line.length() - 1));
    assertThat(node.get("log.truncated").asBoolean()).isTrue();
    assertThat(node.get("message").asText()).startsWith("xxxx").endsWith("\u2026");
    assertThat(node.get("k").asText()).startsWith("xxxx");
  }

  @Test
  void dropsUserFieldsWhenCuttingStringsIsNotEnough() {
    MdcSnapshot mdc = MdcSnapshot.EMPTY;
    for (int i = 0; i < 2000; i++) {
      mdc = mdc.with("key" + i, "value" + i);
    }
    String line = encode(config(), event(20, "many", null, null, mdc, null, null));
    assertThat(line.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(LogConfig.DEFAULT_MAX_LINE_BYTES);
    JsonNode node = Json.parse(line);
    assertThat(node.get("log.truncated").asBoolean()).isTrue();
    assertThat(node.get("message").asText()).isEqualTo("many");
    assertThat(node.has("key0")).isFalse();
  }

  @Test
  void respectsAConfiguredMaximumLineSize() {
    LogConfig config = config("servicekit.log.max-line-bytes", "4096");
    String line = encode(config, event("é".repeat(10_000)));
    assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    assertThat(Json.parse(line).get("log.truncated").asBoolean()).isTrue();
  }

  @Test
  void encodesRepeatedEventsIdentically() {
    JsonEncoder encoder = new JsonEncoder(IDENTIFIED);
    JsonBuffer out = new JsonBuffer(64);
    LogEvent e = event("order {} placed for {}", 42, "alice");
    encoder.encode(e, out);
    String first = out.toString();
    encoder.encode(e, out);
    assertThat(out.toString()).isEqualTo(first + first);
  }

  @Test
  void randomEventsAlwaysGiveOneStrictlyValidLineThatRoundTrips() {
    java.util.Random random = new java.util.Random(2026);
    String[] keyPool = {"message", "log.level", "@timestamp", "tags", "user", "_user", "trace_id"};
    for (LogProfile profile : LogProfile.all()) {
      LogConfig config =
          config(
              "servicekit.log.profile",
              profile.id(),
              "servicekit.service.name",
              RandomText.next(random, 20));
      JsonEncoder encoder = new JsonEncoder(config);
      JsonBuffer out = new JsonBuffer(64);
      for (int i = 0; i < 3000; i++) {
        boolean huge = i % 250 == 0;
        String text = RandomText.next(random, huge ? 40_000 : 80).replace('{', '(');
        Object arg =
            random.nextInt(5) == 0
                ? new Object() {
                  @Override
                  public String toString() {
                    throw new UnsupportedOperationException("toString");
                  }
                }
                : RandomText.next(random, 30);
        MdcSnapshot mdc = MdcSnapshot.EMPTY;
        List<KeyValuePair> kvs = new java.util.ArrayList<>();
        for (int k = random.nextInt(5); k > 0; k--) {
          String key =
              random.nextBoolean()
                  ? keyPool[random.nextInt(keyPool.length)]
                  : RandomText.next(random, 10);
          mdc = mdc.with(key, RandomText.next(random, huge ? 20_000 : 30));
          kvs.add(new KeyValuePair(keyPool[random.nextInt(keyPool.length)], random.nextInt()));
        }
        Throwable t =
            random.nextInt(4) == 0
                ? new IllegalStateException(
                    RandomText.next(random, 50), new RuntimeException(RandomText.next(random, 50)))
                : null;
        LogEvent e =
            new LogEvent(
                random.nextLong() >>> 22,
                random.nextInt(5) * 10,
                RandomText.next(random, 40),
                null,
                RandomText.next(random, 20),
                text + " {}",
                Arguments.capture(new Object[] {arg}),
                t,
                mdc,
                kvs,
                null,
                random.nextBoolean() ? RandomText.next(random, 32) : null,
                null);
        out.reset();
        encoder.encode(e, out);
        byte[] bytes = java.util.Arrays.copyOf(out.array(), out.length());
        assertThat(bytes.length).isLessThanOrEqualTo(config.maxLineBytes);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        List<JsonNode> lines = Json.parseLines(bytes);
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        String message = line.get(profile.name(LogProfile.LogField.MESSAGE).orElseThrow()).asText();
        if (!line.has(profile.name(LogProfile.LogField.TRUNCATED).orElseThrow())) {
          String expectedArg = arg instanceof String ? (String) arg : Arguments.safeToString(arg);
          assertThat(message).isEqualTo(RandomText.expected(text + " " + expectedArg));
        }
      }
    }
  }

  private static String message(String pattern, Object... args) {
    return Json.parse(encode(config(), event(pattern, args))).get("message").asText();
  }
}
