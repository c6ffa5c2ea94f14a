package dev.servicekit.logging.internal;

import static dev.servicekit.logging.internal.Events.config;
import static dev.servicekit.logging.internal.Events.encode;
import static dev.servicekit.logging.internal.Events.event;
import static dev.servicekit.logging.internal.Events.mdc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.logging.LogProfile;
import dev.servicekit.logging.LogProfile.LogField;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  /**
   * An encoder that has seen a pattern and an MDC snapshot before writes them from what it kept
   * (parsed patterns, the MDC's JSON, joined constant fields): every line must be the one a fresh
   * encoder writes for fresh copies of the same pattern and MDC.
   */
  @Test
  void keptPatternsAndMdcJsonWriteWhatAFreshEncoderWrites() {
    java.util.Random random = new java.util.Random(1202);
    String[] patterns = {
      "order {} placed for {}",
      "no placeholders",
      "{}",
      "{}{}{}",
      "escaped \\{} then {}",
      "backslash kept \\\\{} and {}",
      "tricky \u2028 \" quote {} \\ end {}",
      "pair \uD83D\uDE00 {} lone \uD800 {}",
      "more {} than {} args {} {}",
      "x".repeat(300) + " {} " + "y".repeat(300)
    };
    for (LogProfile profile : LogProfile.all()) {
      for (String maxLine : new String[] {"65536", "2048"}) {
        LogConfig config =
            config(
                "servicekit.log.profile",
                profile.id(),
                "servicekit.log.max-line-bytes",
                maxLine,
                "servicekit.service.name",
                "orders");
        MdcSnapshot[] mdcs = new MdcSnapshot[6];
        for (int i = 0; i < mdcs.length; i++) {
          MdcSnapshot m = MdcSnapshot.EMPTY;
          for (int k = random.nextInt(5); k > 0; k--) {
            String key = random.nextInt(3) == 0 ? "message" : RandomText.next(random, 8);
            m = m.with(key, RandomText.next(random, random.nextInt(8) == 0 ? 400 : 20));
          }
          if (random.nextBoolean()) {
            m = m.with("trace_id", "t" + i).with("span_id", "s" + i);
          }
          mdcs[i] = m;
        }
        JsonEncoder kept = new JsonEncoder(config);
        JsonBuffer out = new JsonBuffer(64);
        for (int i = 0; i < 2000; i++) {
          String pattern = patterns[random.nextInt(patterns.length)];
          Object[] args = new Object[random.nextInt(4)];
          for (int a = 0; a < args.length; a++) {
            int kind = random.nextInt(4);
            args[a] =
                kind == 0
                    ? (Object) random.nextLong()
                    : kind == 1 ? null : RandomText.next(random, kind == 2 ? 600 : 30);
          }
          MdcSnapshot mdc = mdcs[random.nextInt(mdcs.length)];
          List<KeyValuePair> kvs =
              random.nextInt(4) == 0 ? List.of(new KeyValuePair("message", "kv")) : null;
          String traceId = random.nextInt(3) == 0 ? "t" + random.nextInt(6) : null;
          out.reset();
          kept.encode(traced(pattern, args, mdc, kvs, traceId), out);
          String expected =
              Events.encode(
                  config,
                  traced(new String(pattern), args, MdcSnapshot.of(mdc.toMap()), kvs, traceId));
          assertThat(out.toString()).as("line %d of %s", i, profile.id()).isEqualTo(expected);
        }
      }
    }
  }

  private static LogEvent traced(
      String pattern, Object[] args, MdcSnapshot mdc, List<KeyValuePair> kvs, String traceId) {
    return new LogEvent(
        1_700_000_000_123L,
        20,
        "com.acme.Orders",
        null,
        "main",
        pattern,
        Arguments.capture(args),
        null,
        mdc,
        kvs,
        null,
        traceId,
        traceId == null ? null : "s" + traceId.substring(1));
  }

  /** Strings that break naive JSON writers; Jackson must read each back as {@link #read}. */
  private static final List<String> TRICKY =
      List.of(
          "",
          "plain",
          "quote \" backslash \\ slash / \\\" \\u0041",
          "controls \u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f\u007f",
          "C1 \u0080\u0085\u009f, NBSP \u00a0, soft hyphen \u00ad",
          "separators \u2028 \u2029, BOM \ufeff, replacement \ufffd, noncharacter \uffff",
          "lone high \uD800 inside",
          "lone low \uDC00 inside",
          "reversed pair \uDC00\uD800",
          "high at the end \uD83D",
          "\uDFFFlow at the start",
          "pairs \uD83D\uDE00 \uD834\uDD1E \uDBFF\uDFFF",
          "unicode \u00e9 \u00fc \u00df \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u0939\u093f",
          "json inside {\"a\":[1,\"}\"]} </script> <!--",
          "line one\r\nline two\nline three\n");

  @Test
  void trickyTextInEveryFieldReadsBackThroughJacksonAsLogged() {
    for (LogProfile profile : LogProfile.all()) {
      JsonEncoder encoder = new JsonEncoder(config("servicekit.log.profile", profile.id()));
      for (String text : TRICKY) {
        Throwable failure = nested(text);
        LogEvent e =
            new LogEvent(
                1_700_000_000_123L,
                30,
                text,
                null,
                text,
                text,
                null,
                failure,
                mdc("mdc " + text, text),
                Arguments.captureKeyValues(List.of(new KeyValuePair("kv " + text, text))),
                null,
                null,
                null);
        JsonBuffer out = new JsonBuffer(256);
        encoder.encode(e, out);
        JsonNode line = Json.parse(Arrays.copyOf(out.array(), out.length() - 1));

        String context = profile.id() + ": " + line;
        assertThat(line.get(field(profile, LogField.MESSAGE)).asText())
            .as(context)
            .isEqualTo(read(text));
        profile
            .name(LogField.LOGGER)
            .ifPresent(n -> assertThat(line.get(n).asText()).as(context).isEqualTo(read(text)));
        profile
            .name(LogField.THREAD)
            .ifPresent(n -> assertThat(line.get(n).asText()).as(context).isEqualTo(read(text)));
        assertThat(line.get(read("mdc " + text)).asText()).as(context).isEqualTo(read(text));
        assertThat(line.get(read("kv " + text)).asText()).as(context).isEqualTo(read(text));
        profile
            .name(LogField.ERROR_TYPE)
            .ifPresent(
                n ->
                    assertThat(line.get(n).asText())
                        .isEqualTo(IllegalArgumentException.class.getName()));
        profile
            .name(LogField.ERROR_MESSAGE)
            .ifPresent(n -> assertThat(line.get(n).asText()).as(context).isEqualTo(read(text)));
        assertThat(line.get(field(profile, LogField.STACK_TRACE)).asText())
            .as(context)
            .isEqualTo(read(printedByTheJdk(failure)));
        assertThat(line.has(field(profile, LogField.TRUNCATED))).isFalse();
      }
    }
  }

  @Test
  void everyLevelIsWrittenWithItsProfilesName() {
    for (LogProfile profile : LogProfile.all()) {
      JsonEncoder encoder = new JsonEncoder(config("servicekit.log.profile", profile.id()));
      for (int level = 0; level <= 40; level += 10) {
        JsonBuffer out = new JsonBuffer(256);
        encoder.encode(event(level, "m", null, null, null, null, null), out);
        JsonNode line = Json.parse(out.toString());

        assertThat(line.get(field(profile, LogField.LEVEL)).asText())
            .isEqualTo(profile.levelName(level));
        int expected = profile.levelValue(level);
        profile
            .name(LogField.LEVEL_VALUE)
            .ifPresent(n -> assertThat(line.get(n).asInt()).isEqualTo(expected));
      }
    }
  }

  @Test
  void aLargeTrickyMessageThatFitsReadsBackWhole() {
    String text = String.join("|", TRICKY).repeat(40);
    LogConfig config = config("servicekit.log.max-line-bytes", String.valueOf(1 << 20));

    JsonNode line = Json.parse(encode(config, event(40, text, null, null, null, null, null)));

    assertThat(text.length()).isGreaterThan(10_000);
    assertThat(line.get("message").asText()).isEqualTo(read(text));
    assertThat(line.has("log.truncated")).isFalse();
  }

  @Test
  void aHugeTrickyMessageIsCutToAPrefixOfWhatWasLogged() {
    String text = String.join("|", TRICKY).repeat(2_000);

    String encoded = encode(config(), event(20, text, null, null, null, null, null));
    JsonNode line = Json.parse(encoded);

    assertThat(encoded.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(LogConfig.DEFAULT_MAX_LINE_BYTES);
    assertThat(line.get("log.truncated").asBoolean()).isTrue();
    String message = line.get("message").asText();
    assertThat(message).endsWith("\u2026").hasSizeGreaterThan(1000);
    assertThat(read(text)).startsWith(message.substring(0, message.length() - 1));
  }

  /** What a JSON reader gets back for {@code text}: lone surrogates become U+FFFD. */
  private static String read(String text) {
    return RandomText.expected(text);
  }

  private static String field(LogProfile profile, LogField field) {
    return profile.name(field).orElseThrow();
  }

  /**
   * Three exceptions deep, with a suppressed one, a cause without a message and frames of every
   * kind, all shared with the enclosing trace in part; the messages carry {@code text}.
   */
  private static Throwable nested(String text) {
    StackTraceElement[] outer = {
      new StackTraceElement("com.acme.Orders", "place", "Orders.java", 42),
      new StackTraceElement("com.acme.Api", "handle", "Api.java", 7),
      new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833)
    };
    Throwable root = new IllegalStateException("root " + text);
    root.setStackTrace(
        concat(
            new StackTraceElement("com.acme.Db", "query", null, -1),
            new StackTraceElement("com.acme.Driver", "call", "Driver.java", -2),
            outer));
    Throwable quiet = new RuntimeException((String) null, root);
    quiet.setStackTrace(
        concat(new StackTraceElement("com.acme.Repo", "save", "Repo.java", -1), outer));
    Throwable top = new IllegalArgumentException(text, quiet);
    top.setStackTrace(outer.clone());
    Throwable suppressed = new UnsupportedOperationException("suppressed " + text);
    suppressed.setStackTrace(
        concat(new StackTraceElement("com.acme.Cleanup", "close", "Cleanup.java", 3), outer));
    top.addSuppressed(suppressed);
    return top;
  }

  private static StackTraceElement[] concat(Object... parts) {
    List<StackTraceElement> all = new java.util.ArrayList<>();
    for (Object part : parts) {
      if (part instanceof StackTraceElement[]) {
        all.addAll(Arrays.asList((StackTraceElement[]) part));
      } else {
        all.add((StackTraceElement) part);
      }
    }
    return all.toArray(new StackTraceElement[0]);
  }

  private static String printedByTheJdk(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  private static String message(String pattern, Object... args) {
    return Json.parse(encode(config(), event(pattern, args))).get("message").asText();
  }
}
