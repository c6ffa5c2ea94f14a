package dev.servicekit.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationTest {

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    MDC.clear();
  }

  @Test
  void currentIdIsNullOutsideAnyScope() {
    assertThat(Correlation.currentId()).isNull();
  }

  @Test
  void beginMakesAValidIdCurrentAndMirrorsItIntoMdc() {
    try (Scope s = Correlation.begin("order-42")) {
      assertThat(Correlation.currentId()).isEqualTo("order-42");
      assertThat(MDC.get("correlation_id")).isEqualTo("order-42");
    }
    assertThat(Correlation.currentId()).isNull();
    assertThat(MDC.get("correlation_id")).isNull();
  }

  @Test
  void closingRestoresPreviousMdcValuesExactly() {
    MDC.put("correlation_id", "outer-value");
    MDC.put("trace_id", "outer-trace");
    try (Scope s = Correlation.begin("inner")) {
      assertThat(MDC.get("correlation_id")).isEqualTo("inner");
      assertThat(MDC.get("trace_id")).as("no span in context").isNull();
    }
    assertThat(MDC.get("correlation_id")).isEqualTo("outer-value");
    assertThat(MDC.get("trace_id")).isEqualTo("outer-trace");
    assertThat(MDC.get("span_id")).isNull();
  }

  @Test
  void nestedScopesRestoreInReverseOrder() {
    try (Scope outer = Correlation.begin("outer")) {
      try (Scope inner = Correlation.begin("inner")) {
        assertThat(Correlation.currentId()).isEqualTo("inner");
      }
      assertThat(Correlation.currentId()).isEqualTo("outer");
      assertThat(MDC.get("correlation_id")).isEqualTo("outer");
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    try (Scope outer = Correlation.begin("outer")) {
      Scope inner = Correlation.begin("inner");
      inner.close();
      inner.close();
      assertThat(MDC.get("correlation_id")).isEqualTo("outer");
      assertThat(Correlation.currentId()).isEqualTo("outer");
    }
  }

  @Test
  void invalidIdIsReplacedByAFreshOneAndCounted() {
    long before = Correlation.rejectedCount();
    try (Scope s = Correlation.begin("bad\r\nvalue")) {
      assertThat(Correlation.currentId()).isNotNull().doesNotContain("bad");
      assertThat(Correlation.isValidId(Correlation.currentId())).isTrue();
    }
    assertThat(Correlation.rejectedCount()).isEqualTo(before + 1);
  }

  @Test
  void nullIdGetsAFreshIdWithoutCounting() {
    long before = Correlation.rejectedCount();
    try (Scope s = Correlation.begin(null)) {
      assertThat(Correlation.isValidId(Correlation.currentId())).isTrue();
    }
    assertThat(Correlation.rejectedCount()).isEqualTo(before);
  }

  @Test
  void beginNewStartsADifferentIdEachTime() {
    String first;
    try (Scope s = Correlation.beginNew()) {
      first = Correlation.currentId();
    }
    try (Scope s = Correlation.beginNew()) {
      assertThat(Correlation.currentId()).isNotEqualTo(first);
    }
  }

  @Test
  void mdcCarriesTraceAndSpanIdsWhenTheContextHoldsAValidSpan() {
    SpanContext remote =
        SpanContext.createFromRemoteParent(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    try (Scope span = Context.current().with(Span.wrap(remote)).makeCurrent();
        Scope s = Correlation.begin("with-trace")) {
      assertThat(MDC.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(MDC.get("span_id")).isEqualTo("b7ad6b7169203331");
    }
    assertThat(MDC.get("trace_id")).isNull();
    assertThat(MDC.get("span_id")).isNull();
  }

  @Test
  void wrappedRunnableCarriesTheIdToAPooledThreadAndLeavesItsMdcClean() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    AtomicReference<String> seenMdc = new AtomicReference<>();
    try (Scope s = Correlation.begin("hop-1")) {
      pool.submit(
              Correlation.wrap(
                  (Runnable)
                      () -> {
                        seen.set(Correlation.currentId());
                        seenMdc.set(MDC.get("correlation_id"));
                      }))
          .get(10, TimeUnit.SECONDS);
    }
    assertThat(seen.get()).isEqualTo("hop-1");
    assertThat(seenMdc.get()).isEqualTo("hop-1");
    assertThat(pool.submit(() -> MDC.get("correlation_id")).get(10, TimeUnit.SECONDS)).isNull();
    assertThat(pool.submit(Correlation::currentId).get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void wrappedExecutorServiceCapturesTheIdAtSubmission() throws Exception {
    ExecutorService wrapped = Correlation.wrap(pool);
    try (Scope s = Correlation.begin("first")) {
      assertThat(wrapped.submit(Correlation::currentId).get(10, TimeUnit.SECONDS))
          .isEqualTo("first");
    }
    try (Scope s = Correlation.begin("second")) {
      java.util.concurrent.Callable<String> id = Correlation::currentId;
      java.util.concurrent.Callable<String> mdc = () -> MDC.get("correlation_id");
      assertThat(wrapped.invokeAll(List.of(id)).get(0).get()).isEqualTo("second");
      String any = wrapped.invokeAny(List.of(mdc));
      assertThat(any).isEqualTo("second");
    }
    assertThat(pool.submit(() -> MDC.get("correlation_id")).get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void wrappedPlainExecutorCarriesTheId() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    try (Scope s = Correlation.begin("plain")) {
      Correlation.wrap((java.util.concurrent.Executor) pool)
          .execute(() -> seen.complete(Correlation.currentId()));
    }
    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("plain");
  }

  @Test
  void wrappedScheduledExecutorCarriesTheIdToEveryRepetition() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      ScheduledExecutorService wrapped = Correlation.wrap(scheduler);
      java.util.concurrent.CountDownLatch twice = new java.util.concurrent.CountDownLatch(2);
      java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
      try (Scope s = Correlation.begin("sched")) {
        java.util.concurrent.Callable<String> current = Correlation::currentId;
        assertThat(wrapped.schedule(current, 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS))
            .isEqualTo("sched");
        wrapped.scheduleAtFixedRate(
            () -> {
              seen.add(String.valueOf(Correlation.currentId()));
              twice.countDown();
            },
            0,
            5,
            TimeUnit.MILLISECONDS);
      }
      assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).containsExactly("sched");
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void completableFutureChainOnAWrappedPoolKeepsTheId() throws Exception {
    ExecutorService wrapped = Correlation.wrap(pool);
    CompletableFuture<String> chain;
    try (Scope s = Correlation.begin("chain")) {
      chain =
          CompletableFuture.supplyAsync(
                  Correlation.wrap((java.util.function.Supplier<String>) Correlation::currentId),
                  wrapped)
              .thenApplyAsync(first -> first + "/" + Correlation.currentId(), wrapped)
              .thenApplyAsync(both -> both + "/" + MDC.get("correlation_id"), wrapped);
    }
    assertThat(chain.get(10, TimeUnit.SECONDS)).isEqualTo("chain/chain/chain");
    assertThat(pool.submit(() -> MDC.get("correlation_id")).get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void attachResumesACapturedContextOnAnotherThread() throws Exception {
    Context captured;
    try (Scope s = Correlation.begin("captured")) {
      captured = Context.current();
    }
    assertThat(
            pool.submit(
                    () -> {
                      try (Scope s = Correlation.attach(captured)) {
                        return Correlation.currentId() + "|" + MDC.get("correlation_id");
                      }
                    })
                .get(10, TimeUnit.SECONDS))
        .isEqualTo("captured|captured");
  }

  @Test
  void newIdIsValidUrlSafeAndShort() {
    String id = Correlation.newId();
    assertThat(id).hasSizeLessThanOrEqualTo(36).matches("[A-Za-z0-9.-]+");
    assertThat(Correlation.isValidId(id)).isTrue();
  }
}
