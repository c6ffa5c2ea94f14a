package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

  private final HealthChecks checks = new HealthChecks(Duration.ofMillis(300), 4);

  @AfterEach
  void close() {
    checks.close();
  }

  @Test
  void reportsUpOnlyWhenEveryCheckOfTheKindIsUp() {
    checks.add("a", HealthCheck.Kind.READINESS, HealthStatus::up);
    checks.add("b", HealthCheck.Kind.READINESS, () -> HealthStatus.down("full"));
    checks.add("c", HealthCheck.Kind.LIVENESS, HealthStatus::up);

    HealthChecks.Report ready = checks.evaluate(HealthCheck.Kind.READINESS);
    assertThat(ready.up()).isFalse();
    assertThat(ready.checks()).containsOnlyKeys("a", "b");
    assertThat(ready.checks().get("b").details()).containsEntry("reason", "full");
    assertThat(checks.evaluate(HealthCheck.Kind.LIVENESS).up()).isTrue();
    assertThat(checks.lastReadinessUp()).isFalse();
  }

  @Test
  void noChecksMeansUp() {
    assertThat(checks.evaluate(HealthCheck.Kind.READINESS).up()).isTrue();
  }

  @Test
  void aThrowingCheckIsDownWithTheErrorTypeAndMessage() {
    checks.add(
        "boom",
        HealthCheck.Kind.READINESS,
        () -> {
          throw new IllegalStateException("pool closed");
        });
    checks.add("null", HealthCheck.Kind.READINESS, () -> null);
    HealthChecks.Report report = checks.evaluate(HealthCheck.Kind.READINESS);
    assertThat(report.checks().get("boom").details())
        .containsEntry("error", "java.lang.IllegalStateException")
        .containsEntry("message", "pool closed");
    assertThat(report.checks().get("null").details())
        .containsEntry("reason", "check returned null");
  }

  @Test
  void aHangingCheckTimesOutThenReportsStillRunningWithoutAnotherRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    checks.add(
        "hang",
        HealthCheck.Kind.READINESS,
        () -> {
          runs.incrementAndGet();
          release.await();
          return HealthStatus.up();
        });
    checks.add("fine", HealthCheck.Kind.READINESS, HealthStatus::up);
    try {
      HealthChecks.Report first = checks.evaluate(HealthCheck.Kind.READINESS);
      assertThat(first.checks().get("hang").details().get("reason").toString())
          .startsWith("timed out after 300ms");
      assertThat(first.checks().get("fine").isUp()).isTrue();
      HealthChecks.Report second = checks.evaluate(HealthCheck.Kind.READINESS);
      assertThat(second.checks().get("hang").details().get("reason").toString())
          .startsWith("still running after");
      assertThat(runs).hasValue(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCheckNeverRunsConcurrentlyWithItself() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    checks.add(
        "slowish",
        HealthCheck.Kind.READINESS,
        () -> {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          Thread.sleep(20);
          inside.decrementAndGet();
          return HealthStatus.up();
        });
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<HealthChecks.Report>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        futures.add(callers.submit(() -> checks.evaluate(HealthCheck.Kind.READINESS)));
      }
      for (Future<HealthChecks.Report> f : futures) {
        f.get();
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(maxInside).hasValue(1);
  }

  @Test
  void rejectsDuplicateAndBlankNamesPerKind() {
    checks.add("db", HealthCheck.Kind.READINESS, HealthStatus::up);
    checks.add("db", HealthCheck.Kind.LIVENESS, HealthStatus::up);
    assertThatThrownBy(() -> checks.add("db", HealthCheck.Kind.READINESS, HealthStatus::up))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("db");
    assertThatThrownBy(() -> checks.add(" ", HealthCheck.Kind.READINESS, HealthStatus::up))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checksAddedLaterReachExistingListeners() {
    List<String> seen = new ArrayList<>();
    checks.add("first", HealthCheck.Kind.READINESS, HealthStatus::up);
    checks.onEntry(e -> seen.add(e.name));
    checks.add("second", HealthCheck.Kind.LIVENESS, HealthStatus::up);
    assertThat(seen).containsExactly("first", "second");
  }

  @Test
  void afterCloseChecksReportDown() {
    checks.add("db", HealthCheck.Kind.READINESS, HealthStatus::up);
    checks.close();
    assertThat(checks.evaluate(HealthCheck.Kind.READINESS).checks().get("db").details())
        .containsEntry("reason", "runtime stopped");
  }
}
