package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodedNamesTest {

  @Test
  void cachesEscapedNamesAndKeys() {
    EncodedNames names = new EncodedNames(8, false);
    byte[] first = names.get("a\"b");
    assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("\"a\\\"b\"");
    assertThat(names.get(new String("a\"b"))).isSameAs(first);
    EncodedNames keys = new EncodedNames(8, true);
    assertThat(new String(keys.get("k"), StandardCharsets.UTF_8)).isEqualTo(",\"k\":");
    assertThat(names.get("x".repeat(1000))).isNull();
  }
}
