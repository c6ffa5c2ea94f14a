package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonBufferTest {

  @Test
  void escapesControlCharactersQuotesBackslashesAndLineSeparators() {
    JsonBuffer b = new JsonBuffer(16);
    b.writeString("a\"b\\c\n\u0001\u2028\u2029\t");
    assertThat(b.toString()).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\\u2028\\u2029\\t\"");
  }

  @Test
  void replacesLoneSurrogatesWithTheReplacementCharacter() {
    JsonBuffer b = new JsonBuffer(16);
    b.writeString("x\uD800y\uDC00z\uD83D\uDE00");
    assertThat(parseString(b)).isEqualTo("x\uFFFDy\uFFFDz\uD83D\uDE00");
  }

  @Test
  void randomUnicodeAlwaysRoundTrips() {
    Random random = new Random(42);
    JsonBuffer b = new JsonBuffer(16);
    for (int i = 0; i < 20_000; i++) {
      String s = RandomText.next(random, i % 100 == 0 ? 5000 : 60);
      b.reset();
      b.writeString(s);
      assertThat(parseString(b)).isEqualTo(RandomText.expected(s));
    }
  }

  @Test
  void cutStringsStayValidAndAreMarkedWithAnEllipsis() {
    Random random = new Random(7);
    JsonBuffer b = new JsonBuffer(16);
    for (int i = 0; i < 5_000; i++) {
      String s = RandomText.next(random, 400);
      int max = random.nextInt(200);
      b.reset();
      boolean cut = b.writeString(s, max);
      String parsed = parseString(b);
      String expected = RandomText.expected(s);
      if (cut) {
        assertThat(parsed).endsWith("\u2026");
        assertThat(expected).startsWith(parsed.substring(0, parsed.length() - 1));
        assertThat(b.length()).isLessThanOrEqualTo(max + 2 + 12 + 3);
      } else {
        assertThat(parsed).isEqualTo(expected);
      }
    }
  }

  @Test
  void writesLongsWithoutAllocatingStrings() {
    JsonBuffer b = new JsonBuffer(4);
    for (long v : new long[] {0, 7, -7, 10, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE}) {
      b.reset();
      b.writeLong(v);
      assertThat(b.toString()).isEqualTo(Long.toString(v));
    }
  }

  @Test
  void shrinksAfterAnUnusuallyLargeWrite() {
    JsonBuffer b = new JsonBuffer(64);
    b.writeString("x".repeat(100_000));
    b.reset();
    b.shrink(1024);
    assertThat(b.array().length).isEqualTo(1024);
  }

  private static String parseString(JsonBuffer b) {
    byte[] bytes = Arrays.copyOf(b.array(), b.length());
    byte[] wrapped = new byte[bytes.length + 6];
    System.arraycopy("{\"v\":".getBytes(), 0, wrapped, 0, 5);
    System.arraycopy(bytes, 0, wrapped, 5, bytes.length);
    wrapped[wrapped.length - 1] = '}';
    JsonNode node = Json.parse(wrapped);
    return node.get("v").asText();
  }
}
