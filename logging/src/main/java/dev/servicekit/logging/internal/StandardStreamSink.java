package dev.servicekit.logging.internal;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Writes to {@code System.out} or {@code System.err} as they are at the time of each write (one
 * write per batch), so a tool that replaces {@code System.out} receives the lines.
 */
final class StandardStreamSink implements LineSink {

  private final boolean stderr;

  StandardStreamSink(boolean stderr) {
    this.stderr = stderr;
  }

  @Override
  public boolean lockedByCurrentThread() {
    return Thread.holdsLock(stderr ? System.err : System.out);
  }

  @Override
  public void write(byte[] bytes, int off, int len) throws IOException {
    PrintStream out = stderr ? System.err : System.out;
    synchronized (out) {
      out.write(bytes, off, len);
      out.flush();
    }
    if (out.checkError()) {
      throw new IOException((stderr ? "stderr" : "stdout") + " reported a write error");
    }
  }
}
