package dev.servicekit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogCaptureTest {
  @Test
  void collectsCompleteLinesAndRestoresSystemOut() {
    PrintStream before = System.out;
    try (LogCapture logs = LogCapture.start()) {
      assertThat(System.out).isNotSameAs(before);
      System.out.print("first ");
      System.out.println("line");
      System.out.print("second\r\n");
      System.out.print("incomplete");
      assertThat(logs.lines()).containsExactly("first line", "second");
    }
    assertThat(System.out).isSameAs(before);
  }

  @Test
  void parsesJsonLinesAndSkipsOthers() {
    try (LogCapture logs = LogCapture.start()) {
      System.out.println("plain text");
      System.out.println("{\"message\":\"hi\",\"n\":1}");
      assertThat(logs.jsonLines()).containsExactly(Map.of("message", "hi", "n", 1L));
    }
  }

  @Test
  void invalidJsonLineFailsLoudlyNamingTheLine() {
    try (LogCapture logs = LogCapture.start()) {
      System.out.println("{\"message\":\"hi\",\"message\":\"again\"}");
      assertThatThrownBy(logs::jsonLines)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Duplicate field 'message'");
    }
  }

  @Test
  void awaitReturnsALineWrittenLaterByAnotherThread() {
    try (LogCapture logs = LogCapture.start()) {
      Thread writer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                System.out.println("{\"message\":\"done\",\"correlation_id\":\"abc\"}");
              });
      writer.start();
      Map<String, Object> line =
          logs.await(l -> "done".equals(l.get("message")), Duration.ofSeconds(20));
      assertThat(line).containsEntry("correlation_id", "abc");
    }
  }

  @Test
  void awaitTimesOutWithWhatWasCaptured() {
    try (LogCapture logs = LogCapture.start()) {
      System.out.println("something else");
      assertThatThrownBy(() -> logs.awaitLine(l -> l.equals("never"), Duration.ofMillis(100)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("something else");
    }
  }

  @Test
  void capturesStderrToo() {
    PrintStream before = System.err;
    try (LogCapture logs = LogCapture.startOnStderr()) {
      System.err.println("oops");
      assertThat(logs.awaitLine("oops"::equals, Duration.ofSeconds(5))).isEqualTo("oops");
      logs.clear();
      assertThat(logs.lines()).isEmpty();
    }
    assertThat(System.err).isSameAs(before);
  }
}
