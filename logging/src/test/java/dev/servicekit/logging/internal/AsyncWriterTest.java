package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
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
  void concurrentProducersGetEveryLineWrittenOnceWholeAndInTheirOrder() throws Exception {
    int threads = 4;
    int perThread = 20_000;
    ChunkSink sink = new ChunkSink();
    AsyncWriter writer =
        new AsyncWriter(
            Events.config(
                "servicekit.log.queue.size", "64", "servicekit.log.shutdown-timeout", "5m"),
            sink,
            counters,
            errors,
            new ReentrancyGuard());
    writer.start();

    runProducers(threads, perThread, writer, () -> {});
    writer.shutdown();

    assertThat(sink.chunks()).allSatisfy(chunk -> assertThat(chunk).endsWith("\n"));
    Map<Integer, List<Integer>> written = byProducer(Json.parseLines(sink.raw()));
    assertThat(written).hasSize(threads);
    for (int t = 0; t < threads; t++) {
      assertThat(written.get(t)).as("producer %d", t).isEqualTo(sequence(perThread));
    }
    assertThat(counters.dropped()).isZero();
  }

  @Test
  void shuttingDownWhileProducersStillLogLosesNothing() throws Exception {
    int threads = 4;
    int perThread = 20_000;
    ChunkSink sink = new ChunkSink();
    AsyncWriter writer =
        new AsyncWriter(
            Events.config(
                "servicekit.log.queue.size", "64", "servicekit.log.shutdown-timeout", "5m"),
            sink,
            counters,
            errors,
            new ReentrancyGuard());
    writer.start();
    CountDownLatch halfway = new CountDownLatch(threads);

    Thread closer =
        new Thread(
            () -> {
              try {
                halfway.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              writer.shutdown();
            });
    closer.start();
    runProducers(threads, perThread, writer, halfway::countDown);
    closer.join();

    assertThat(sink.chunks()).allSatisfy(chunk -> assertThat(chunk).endsWith("\n"));
    Map<Integer, List<Integer>> written = byProducer(Json.parseLines(sink.raw()));
    for (int t = 0; t < threads; t++) {
      List<Integer> numbers = new ArrayList<>(written.get(t));
      Collections.sort(numbers);
      assertThat(numbers).as("producer %d", t).isEqualTo(sequence(perThread));
    }
    assertThat(counters.dropped()).isZero();
  }

  /**
   * Runs {@code threads} producers that each submit {@code perThread} events {@code "t<i> n<k>"}
   * with an MDC naming the producer; each calls {@code halfway} once, after half of its events.
   */
  private static void runProducers(int threads, int perThread, AsyncWriter writer, Runnable halfway)
      throws InterruptedException {
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int producer = t;
      producers.add(
          new Thread(
              () -> {
                MdcSnapshot mdc = Events.mdc("producer", String.valueOf(producer));
                for (int n = 0; n < perThread; n++) {
                  if (n == perThread / 2) {
                    halfway.run();
                  }
                  writer.submit(
                      Events.event(
                          20, "t{} n{}", new Object[] {producer, n}, null, mdc, null, null));
                }
              }));
    }
    producers.forEach(Thread::start);
    for (Thread p : producers) {
      p.join();
    }
  }

  /** The numbers each producer's lines carry, in the order written; checks each line's fields. */
  private static Map<Integer, List<Integer>> byProducer(List<JsonNode> lines) {
    Map<Integer, List<Integer>> written = new TreeMap<>();
    for (JsonNode line : lines) {
      String[] parts = line.get("message").asText().split(" ");
      int producer = Integer.parseInt(parts[0].substring(1));
      assertThat(line.get("producer").asText()).isEqualTo(String.valueOf(producer));
      written
          .computeIfAbsent(producer, p -> new ArrayList<>())
          .add(Integer.parseInt(parts[1].substring(1)));
    }
    return written;
  }

  private static List<Integer> sequence(int count) {
    List<Integer> numbers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      numbers.add(i);
    }
    return numbers;
  }

  /** Keeps every write as one chunk, so a test can see that writes hold whole lines. */
  private static final class ChunkSink implements LineSink {
    private final List<String> chunks = new ArrayList<>();
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      chunks.add(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
      bytes.write(b, off, len);
    }

    synchronized List<String> chunks() {
      return new ArrayList<>(chunks);
    }

    synchronized byte[] raw() {
      return bytes.toByteArray();
    }
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
