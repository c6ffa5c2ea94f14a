package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodedFramesTest {

  @Test
  void sharesTheEncodingOfEqualFramesFromDifferentExceptions() {
    EncodedFrames frames = new EncodedFrames(16);
    StackTraceElement a = new StackTraceElement("com.acme.A", "run", "A.java", 12);
    StackTraceElement same = new StackTraceElement("com.acme.A", "run", "A.java", 12);
    byte[] first = frames.get(a);
    assertThat(frames.get(same)).isSameAs(first);
    assertThat(new String(first, StandardCharsets.UTF_8))
        .isEqualTo("\\tat com.acme.A.run(A.java:12)\\n");
    StackTraceElement nativeFrame = new StackTraceElement("X", "m", null, -2);
    assertThat(new String(frames.get(nativeFrame), StandardCharsets.UTF_8))
        .isEqualTo("\\tat X.m(Native Method)\\n");
  }
}
