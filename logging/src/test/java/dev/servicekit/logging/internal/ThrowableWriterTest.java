package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ThrowableWriterTest {

  private static String trace(ThrowableWriter writer, Throwable t, int cap) {
    JsonBuffer out = new JsonBuffer(64);
    out.writeAscii("{\"t\":");
    writer.write(t, out, cap);
    out.writeAscii("}");
    return Json.parse(out.toString()).get("t").asText();
  }

  private static String trace(Throwable t) {
    return trace(new ThrowableWriter(100, 10, Integer.MAX_VALUE, false), t, Integer.MAX_VALUE);
  }

  @Test
  void writesTheCauseChainAndSuppressedExceptions() {
    IllegalStateException top =
        new IllegalStateException("top", new IOException("middle", new RuntimeException("root")));
    top.addSuppressed(new IllegalArgumentException("closing failed"));
    String text = trace(top);
    assertThat(text)
        .startsWith("java.lang.IllegalStateException: top\n\tat ")
        .contains("\tSuppressed: java.lang.IllegalArgumentException: closing failed\n")
        .contains("Caused by: java.io.IOException: middle\n")
        .contains("Caused by: java.lang.RuntimeException: root\n")
        .contains(" more\n");
    assertThat(text.indexOf("middle")).isLessThan(text.indexOf("root"));
  }

  @Test
  void canPutTheRootCauseFirst() {
    Throwable top =
        new IllegalStateException("top", new IOException("middle", new RuntimeException("root")));
    String text = trace(new ThrowableWriter(100, 10, Integer.MAX_VALUE, true), top, 1 << 20);
    assertThat(text).startsWith("java.lang.RuntimeException: root\n");
    assertThat(text)
        .contains("Wrapped by: java.io.IOException: middle\n")
        .contains("Wrapped by: java.lang.IllegalStateException: top\n");
    assertThat(text.indexOf("middle")).isLessThan(text.indexOf(": top"));
  }

  @Test
  void limitsFramesDepthAndBytes() {
    Throwable deep = new RuntimeException("level 0");
    for (int i = 1; i < 50; i++) {
      deep = new RuntimeException("level " + i, deep);
    }
    String text = trace(new ThrowableWriter(2, 3, Integer.MAX_VALUE, false), deep, 1 << 20);
    assertThat(text).contains("frames omitted").contains("causes omitted");
    assertThat(text).contains("level 46").doesNotContain("level 45\n");

    String cut = trace(new ThrowableWriter(100, 100, 300, false), deep, 1 << 20);
    assertThat(cut.length()).isLessThan(400);
    assertThat(cut).endsWith("\u2026");
  }

  @Test
  void survivesCyclesAndThrowingMethods() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(trace(a)).contains("[CIRCULAR REFERENCE: java.lang.RuntimeException: a]");

    Throwable hostile =
        new RuntimeException() {
          private static final long serialVersionUID = 1L;

          @Override
          public String getMessage() {
            throw new IllegalStateException("no message for you");
          }

          @Override
          public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("no frames either");
          }
        };
    assertThat(trace(hostile)).contains("[getMessage() failed: java.lang.IllegalStateException]");
  }
}
