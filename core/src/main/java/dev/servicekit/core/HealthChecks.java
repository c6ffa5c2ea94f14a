package dev.servicekit.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The registered health checks and the bounded pool that runs them.
 *
 * <p>Each evaluation starts every check of one kind at once and waits for each until a shared
 * deadline. A check whose previous run has not finished is never started again: the evaluation
 * waits for that run instead and, if it is older than the timeout, reports it down as still
 * running. Thread-safe.
 */
final class HealthChecks implements AutoCloseable {

  /** One registered check and its in-flight run. */
  static final class Entry {
    final String name;
    final HealthCheck.Kind kind;
    final HealthCheck check;
    final AtomicReference<Run> current = new AtomicReference<>();
    volatile double lastValue = Double.NaN;

    Entry(String name, HealthCheck.Kind kind, HealthCheck check) {
      this.name = name;
      this.kind = kind;
      this.check = check;
    }
  }

  private record Run(CompletableFuture<HealthStatus> result, long startedNanos) {}

  /** The outcome of one evaluation, checks in registration order. */
  record Report(boolean up, Map<String, HealthStatus> checks) {}

  private final Map<String, Entry> liveness = new LinkedHashMap<>();
  private final Map<String, Entry> readiness = new LinkedHashMap<>();
  private final Duration timeout;
  private final ThreadPoolExecutor executor;
  private final List<Consumer<Entry>> listeners = new ArrayList<>();

  HealthChecks(Duration timeout, int threads) {
    this.timeout = timeout;
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "servicekit-health-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Registers a check.
   *
   * @throws IllegalArgumentException when a check of that kind and name exists
   */
  void add(String name, HealthCheck.Kind kind, HealthCheck check) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(check, "check");
    if (name.isBlank()) {
      throw new IllegalArgumentException("health check name must not be blank");
    }
    Entry entry = new Entry(name, kind, check);
    List<Consumer<Entry>> notify;
    synchronized (this) {
      Map<String, Entry> map = kind == HealthCheck.Kind.LIVENESS ? liveness : readiness;
      if (map.putIfAbsent(name, entry) != null) {
        throw new IllegalArgumentException(
            "duplicate " + kind.name().toLowerCase(java.util.Locale.ROOT) + " check: " + name);
      }
      notify = List.copyOf(listeners);
    }
    notify.forEach(l -> l.accept(entry));
  }

  /** Calls {@code listener} for every current and future entry. */
  void onEntry(Consumer<Entry> listener) {
    List<Entry> existing;
    synchronized (this) {
      listeners.add(listener);
      existing = entries();
    }
    existing.forEach(listener);
  }

  synchronized List<Entry> entries() {
    List<Entry> all = new ArrayList<>(liveness.values());
    all.addAll(readiness.values());
    return all;
  }

  /** Whether no readiness check reported down at its last run. */
  synchronized boolean lastReadinessUp() {
    for (Entry e : readiness.values()) {
      if (e.lastValue == 0) {
        return false;
      }
    }
    return true;
  }

  /** Runs every check of one kind, waiting at most the timeout. Never throws. */
  Report evaluate(HealthCheck.Kind kind) {
    List<Entry> selected;
    synchronized (this) {
      selected =
          new ArrayList<>((kind == HealthCheck.Kind.LIVENESS ? liveness : readiness).values());
    }
    long begin = System.nanoTime();
    long deadline = begin + timeout.toNanos();
    List<Run> runs = new ArrayList<>(selected.size());
    for (Entry e : selected) {
      runs.add(runOrJoin(e, begin));
    }
    Map<String, HealthStatus> results = new LinkedHashMap<>();
    boolean up = true;
    for (int i = 0; i < selected.size(); i++) {
      Entry e = selected.get(i);
      HealthStatus status = await(runs.get(i), begin, deadline);
      e.lastValue = status.isUp() ? 1 : 0;
      up &= status.isUp();
      results.put(e.name, status);
    }
    return new Report(up, Collections.unmodifiableMap(results));
  }

  private Run runOrJoin(Entry e, long now) {
    while (true) {
      Run previous = e.current.get();
      if (previous != null && !previous.result().isDone()) {
        return previous;
      }
      Run run = new Run(new CompletableFuture<>(), now);
      if (e.current.compareAndSet(previous, run)) {
        try {
          executor.execute(() -> run.result().complete(call(e.check)));
        } catch (RejectedExecutionException ex) {
          run.result().complete(HealthStatus.down("runtime stopped"));
        }
        return run;
      }
    }
  }

  private HealthStatus await(Run run, long begin, long deadline) {
    boolean joined = run.startedNanos() != begin;
    // a joined run already older than the timeout gets no more waiting
    long remaining =
        joined && begin - run.startedNanos() >= timeout.toNanos()
            ? 0
            : deadline - System.nanoTime();
    try {
      if (remaining <= 0) {
        HealthStatus now = run.result().getNow(null);
        return now != null ? now : timedOut(run, joined);
      }
      return run.result().get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return timedOut(run, joined);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthStatus.down("interrupted");
    } catch (ExecutionException e) {
      return failed(e.getCause());
    }
  }

  private HealthStatus timedOut(Run run, boolean joined) {
    long runningMillis = Duration.ofNanos(System.nanoTime() - run.startedNanos()).toMillis();
    String reason =
        joined
            ? "still running after " + runningMillis + "ms"
            : "timed out after " + timeout.toMillis() + "ms";
    return HealthStatus.down(reason).withDetail("timeoutMillis", timeout.toMillis());
  }

  static HealthStatus call(HealthCheck check) {
    try {
      HealthStatus status = check.check();
      return status == null ? HealthStatus.down("check returned null") : status;
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      return failed(e);
    }
  }

  private static HealthStatus failed(Throwable t) {
    HealthStatus status = HealthStatus.down().withDetail("error", t.getClass().getName());
    return t.getMessage() == null ? status : status.withDetail("message", t.getMessage());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
