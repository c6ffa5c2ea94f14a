package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageValuesTest {

  @Test
  void theLimitIsEightKibibytes() {
    assertThat(MessageValues.MAX_LENGTH).isEqualTo(8192);
  }

  @Test
  void decodesBytesUpToTheLimitAndNoLonger() {
    byte[] edge = new byte[MessageValues.MAX_LENGTH];
    Arrays.fill(edge, (byte) 'a');

    assertThat(MessageValues.decode(edge)).hasSize(MessageValues.MAX_LENGTH);
    assertThat(MessageValues.decode(new byte[MessageValues.MAX_LENGTH + 1])).isNull();
    assertThat(MessageValues.decode(null)).isNull();
  }

  @Test
  void decodesMalformedUtf8AsReplacementCharacters() {
    assertThat(MessageValues.decode(new byte[] {'a', (byte) 0xC3, '('})).isEqualTo("a\uFFFD(");
  }

  @Test
  void keepsStringsUpToTheLimitAndNoLonger() {
    String edge = "a".repeat(MessageValues.MAX_LENGTH);

    assertThat(MessageValues.bounded(edge)).isSameAs(edge);
    assertThat(MessageValues.bounded(edge + "a")).isNull();
    assertThat(MessageValues.bounded(null)).isNull();
  }
}
