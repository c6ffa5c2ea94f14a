package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class JsonLoggerFactoryTest {

  private final MemorySink sink = new MemorySink();
  private final ThreadLocalMdcAdapter mdc = new ThreadLocalMdcAdapter();
  private JsonLoggerFactory factory;

  private JsonLoggerFactory start(String... keyValues) {
    factory = new JsonLoggerFactory(Events.config(keyValues), sink, mdc, TraceSource.NONE);
    return factory;
  }

  @AfterEach
  void stop() {
    if (factory != null) {
      factory.shutdown();
    }
    mdc.clear();
  }

  @Test
  void writesOneJsonLinePerEventWithMdc() {
    Logger log = start().getLogger("com.acme.Orders");
    mdc.put("correlation_id", "c-1");
    log.info("order {} placed for {}", 42, "alice");
    assertThat(factory.flush(Duration.ofSeconds(10))).isTrue();

    List<JsonNode> lines = Json.parseLines(sink.raw());
    assertThat(lines).hasSize(1);
    JsonNode line = lines.get(0);
    assertThat(line.get("message").asText()).isEqualTo("order 42 placed for alice");
    assertThat(line.get("log.logger").asText()).isEqualTo("com.acme.Orders");
    assertThat(line.get("process.thread.name").asText())
        .isEqualTo(Thread.currentThread().getName());
    assertThat(line.get("correlation_id").asText()).isEqualTo("c-1");
  }

  @Test
  void capturesMutableArgumentsAtTheCall() {
    Logger log = start().getLogger("a");
    StringBuilder value = new StringBuilder("before");
    log.info("value {}", value);
    value.setLength(0);
    value.append("after");
    factory.flush(Duration.ofSeconds(10));
    assertThat(Json.parseLines(sink.raw()).get(0).get("message").asText())
        .isEqualTo("value before");
  }

  @Test
  void countsEventsPerLevelAndSkipsDisabledOnes() {
    Logger log = start().getLogger("a");
    log.debug("not counted");
    log.info("one");
    log.info("two");
    log.error("three");
    factory.flush(Duration.ofSeconds(10));
    assertThat(factory.counters().events(Level.INFO)).isEqualTo(2);
    assertThat(factory.counters().events(Level.ERROR)).isEqualTo(1);
    assertThat(factory.counters().events(Level.DEBUG)).isZero();
    assertThat(Json.parseLines(sink.raw())).hasSize(3);
  }

  @Test
  void dropsButCountsAnEventLoggedFromInsideToString() {
    Logger log = start().getLogger("a");
    Object reentrant =
        new Object() {
          @Override
          public String toString() {
            log.info("nested");
            return "outer-value";
          }
        };
    log.info("value {}", reentrant);
    factory.flush(Duration.ofSeconds(10));
    List<JsonNode> lines = Json.parseLines(sink.raw());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("message").asText()).isEqualTo("value outer-value");
    assertThat(factory.counters().dropped()).isEqualTo(1);
  }

  @Test
  void writesEveryLineFromManyThreadsWithoutInterleaving() throws Exception {
    start("servicekit.log.queue.size", "64");
    int threads = 8;
    int perThread = 2000;
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers[t] =
          new Thread(
              () -> {
                Logger log = factory.getLogger("worker." + id);
                for (int i = 0; i < perThread; i++) {
                  log.info("thread {} event {} {}", id, i, "é€😀".repeat(i % 7));
                }
              });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    factory.shutdown();
    List<JsonNode> lines = Json.parseLines(sink.raw());
    assertThat(lines).hasSize(threads * perThread);
    int[] next = new int[threads];
    for (JsonNode line : lines) {
      String[] parts = line.get("message").asText().split(" ");
      int id = Integer.parseInt(parts[1]);
      assertThat(Integer.parseInt(parts[3])).isEqualTo(next[id]++);
    }
  }

  @Test
  void dropModeCountsEveryDroppedEventExactly() throws Exception {
    start(
        "servicekit.log.queue.size", "16",
        "servicekit.log.queue.policy", "drop",
        "servicekit.log.drop-report-interval", "1h");
    sink.stallUntilReleased();
    Logger log = factory.getLogger("a");
    log.info("first");
    assertThat(sink.firstWriteStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    int total = 1000;
    for (int i = 1; i < total; i++) {
      log.info("event {}", i);
    }
    long dropped = factory.counters().dropped();
    assertThat(dropped).isEqualTo(total - 1 - 16);
    sink.release();
    factory.shutdown();

    List<JsonNode> lines = Json.parseLines(sink.raw());
    long written = lines.stream().filter(l -> !l.has("dropped")).count();
    long reported =
        lines.stream()
            .filter(l -> l.has("dropped"))
            .mapToLong(l -> l.get("dropped").asLong())
            .sum();
    assertThat(written).isEqualTo(total - dropped);
    assertThat(reported).isEqualTo(dropped);
    assertThat(factory.counters().events(Level.INFO)).isEqualTo(total);
  }

  @Test
  void writesEventsLoggedAfterShutdownSynchronously() {
    Logger log = start().getLogger("a");
    log.info("before");
    factory.shutdown();
    log.info("after");
    assertThat(Json.parseLines(sink.raw()))
        .extracting(l -> l.get("message").asText())
        .containsExactly("before", "after");
  }

  @Test
  void readsIdentityFromOtelResourceAttributes() {
    LogConfig config =
        LogConfig.of(
            Map.of(),
            Map.of(
                "OTEL_RESOURCE_ATTRIBUTES",
                "service.name=billing,service.version=9,deployment.environment.name=staging"));
    factory = new JsonLoggerFactory(config, sink, mdc, TraceSource.NONE);
    factory.getLogger("a").info("x");
    factory.flush(Duration.ofSeconds(10));
    JsonNode line = Json.parseLines(sink.raw()).get(0);
    assertThat(line.get("service.name").asText()).isEqualTo("billing");
    assertThat(line.get("service.version").asText()).isEqualTo("9");
    assertThat(line.get("service.environment").asText()).isEqualTo("staging");
  }
}
