package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InternalErrorsTest {

  @Test
  void reportsEachKindOnceThenStaysQuiet() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      InternalErrors errors = new InternalErrors();
      for (int i = 0; i < 100; i++) {
        errors.report("could not write log lines", new java.io.IOException("disk full"));
      }
      errors.report("another problem", null);
    } finally {
      System.setErr(original);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(text.lines())
        .containsExactly(
            "servicekit-logging: could not write log lines: java.io.IOException: disk full",
            "servicekit-logging: another problem");
  }
}
