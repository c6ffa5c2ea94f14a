package dev.servicekit.logging.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A sink tests can read: collects bytes, optionally stalls until released. */
final class MemorySink implements LineSink {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private volatile CountDownLatch stall;
  final CountDownLatch firstWriteStarted = new CountDownLatch(1);
  private int writes;

  void stallUntilReleased() {
    stall = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch s = stall;
    if (s != null) {
      s.countDown();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    firstWriteStarted.countDown();
    CountDownLatch s = stall;
    if (s != null) {
      try {
        s.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      bytes.write(b, off, len);
      writes++;
    }
  }

  synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  synchronized byte[] raw() {
    return bytes.toByteArray();
  }

  /** The lines written so far, without their newlines. */
  List<String> lines() {
    String t = text();
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', start)) {
      lines.add(t.substring(start, i));
      start = i + 1;
    }
    return lines;
  }
}
