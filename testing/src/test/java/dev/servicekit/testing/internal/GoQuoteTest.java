package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoQuoteTest {
  @Test
  void quotesLikeGosPercentQ() {
    assertThat(GoQuote.quote("web")).isEqualTo("\"web\"");
    assertThat(GoQuote.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\x01\"");
  }
}
