package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class EncoderPoolTest {

  private final MemorySink sink = new MemorySink();
  private final ThreadLocalMdcAdapter mdc = new ThreadLocalMdcAdapter();
  private JsonLoggerFactory factory;

  @AfterEach
  void stop() {
    if (factory != null) {
      factory.shutdown();
    }
  }

  @Test
  void aThreadSettlesOnTheSlotItGotLast() {
    EncoderPool pool = new EncoderPool(Events.config());
    ReentrancyGuard.Entry thread = new ReentrancyGuard.Entry();
    EncoderPool.Lease first = pool.acquire(thread);
    pool.release(first);
    EncoderPool.Lease second = pool.acquire(thread);
    assertThat(second).isSameAs(first);
    assertThat(thread.slot).isEqualTo(first.slot);
  }

  @Test
  void aLentSlotIsNotLentTwice() {
    EncoderPool pool = new EncoderPool(Events.config());
    ReentrancyGuard.Entry one = new ReentrancyGuard.Entry();
    ReentrancyGuard.Entry two = new ReentrancyGuard.Entry();
    EncoderPool.Lease a = pool.acquire(one);
    two.slot = one.slot;
    EncoderPool.Lease b = pool.acquire(two);
    assertThat(b).isNotSameAs(a);
    assertThat(b.slot).isNotEqualTo(a.slot);
  }

  @Test
  void aLineStagedByAThreadThatLogsNothingMoreIsWrittenWithoutAFlush() throws Exception {
    factory = new JsonLoggerFactory(Events.config(), sink, mdc, TraceSource.NONE);
    Logger log = factory.getLogger("a");
    Thread once = new Thread(() -> log.info("only line"));
    once.start();
    once.join();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sink.lines().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(sink.lines()).hasSize(1);
  }

  @Test
  void flushAndShutdownWriteWhatEveryThreadStaged() throws Exception {
    factory = new JsonLoggerFactory(Events.config(), sink, mdc, TraceSource.NONE);
    int threads = 6;
    CountDownLatch logged = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker =
          new Thread(
              () -> {
                Logger log = factory.getLogger("w" + id);
                for (int i = 0; i < 10; i++) {
                  log.info("thread {} event {}", id, i);
                }
                logged.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                log.info("thread {} event {}", id, 10);
              });
      worker.start();
      workers[t] = worker;
    }
    logged.await();
    assertThat(factory.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(sink.lines()).hasSize(threads * 10);
    release.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    factory.shutdown();
    factory = null;
    List<JsonNode> lines = Json.parseLines(sink.raw());
    assertThat(lines).hasSize(threads * 11);
    int[] next = new int[threads];
    for (JsonNode line : lines) {
      String[] parts = line.get("message").asText().split(" ");
      int id = Integer.parseInt(parts[1]);
      assertThat(Integer.parseInt(parts[3])).isEqualTo(next[id]++);
    }
  }
}
