package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncWriterTest {

  private final EventCounters counters = new EventCounters();
  private final InternalErrors errors = new InternalErrors();

  @Test
  void flushWaitsUntilEarlierEventsAreWritten() {
    MemorySink sink = new MemorySink();
    AsyncWriter writer =
        new AsyncWriter(Events.config(), sink, counters, errors, new ReentrancyGuard());
    writer.start();
    for (int i = 0; i < 500; i++) {
      writer.submit(Events.event("n {}", i));
    }
    assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(Json.parseLines(sink.raw())).hasSize(500);
    writer.shutdown();
  }

  @Test
  void countsEventsLostToAFailingOutputAsDropped() {
    AtomicInteger calls = new AtomicInteger();
    LineSink failing =
        (b, off, len) -> {
          calls.incrementAndGet();
          throw new IOException("disk full");
        };
    AsyncWriter writer =
        new AsyncWriter(
            Events.config("servicekit.log.drop-report-interval", "1h"),
            failing,
            counters,
            errors,
            new ReentrancyGuard());
    writer.start();
    for (int i = 0; i < 10; i++) {
      writer.submit(Events.event("lost"));
    }
    writer.flush(Duration.ofSeconds(10));
    writer.shutdown();
    assertThat(calls.get()).isPositive();
    assertThat(counters.dropped()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void blockPolicyLosesNothingWhenTheQueueIsTiny() throws Exception {
    MemorySink sink = new MemorySink();
    AsyncWriter writer =
        new AsyncWriter(
            Events.config("servicekit.log.queue.size", "16"),
            sink,
            counters,
            errors,
            new ReentrancyGuard());
    writer.start();
    for (int i = 0; i < 5000; i++) {
      writer.submit(Events.event("n {}", i));
    }
    writer.shutdown();
    assertThat(Json.parseLines(sink.raw())).hasSize(5000);
    assertThat(counters.dropped()).isZero();
  }

  @Test
  void aCallerHoldingTheStdoutMonitorIsNeverLeftWaitingOnAFullQueue() {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream replaced =
        new java.io.PrintStream(captured, false, java.nio.charset.StandardCharsets.UTF_8);
    System.setOut(replaced);
    try {
      AsyncWriter writer =
          new AsyncWriter(
              Events.config("servicekit.log.queue.size", "16"),
              new StandardStreamSink(false),
              counters,
              errors,
              new ReentrancyGuard());
      writer.start();
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            synchronized (replaced) {
              for (int i = 0; i < 2000; i++) {
                writer.submit(Events.event("n {}", i));
              }
            }
          });
      writer.shutdown();
    } finally {
      System.setOut(original);
    }
    assertThat(Json.parseLines(captured.toByteArray())).hasSize(2000);
  }
}
