package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardStreamSinkTest {

  @Test
  void looksUpTheCurrentStderrAtEachWrite() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    StandardStreamSink sink = new StandardStreamSink(true);
    byte[] line = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
    try {
      System.setErr(new PrintStream(first, false, StandardCharsets.UTF_8));
      sink.write(line, 0, line.length);
      System.setErr(new PrintStream(second, false, StandardCharsets.UTF_8));
      sink.write(line, 0, line.length);
      sink.write(line, 0, line.length);
    } finally {
      System.setErr(original);
    }
    assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
    assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"a\":1}\n");
  }

  @Test
  void reportsAStreamInErrorAsAnIOException() {
    PrintStream original = System.out;
    PrintStream broken =
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("closed");
              }
            });
    try {
      System.setOut(broken);
      StandardStreamSink sink = new StandardStreamSink(false);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.write(new byte[] {'x'}, 0, 1))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("stdout");
    } finally {
      System.setOut(original);
    }
  }
}
