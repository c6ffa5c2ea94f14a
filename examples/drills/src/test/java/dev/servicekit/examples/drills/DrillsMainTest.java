package dev.servicekit.examples.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillsMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DrillsMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aBadParameterExitsWithTwoAndAClearMessageBeforeStartingAnything() {
    assertThat(run("--rate", "0")).isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("drills: --rate 0: must be between 1 and 100" + System.lineSeparator());
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aMissingResultsFileIsABadParameter() {
    assertThat(run("--results")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--results: missing value");
  }

  @Test
  void helpPrintsTheUsageAndExitsWithZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: drills [--rate N/s]");
  }
}
