package dev.servicekit.registry.internal;

import dev.servicekit.registry.CacheStatus;
import dev.servicekit.registry.InstanceListener;
import dev.servicekit.registry.LoadBalancer;
import dev.servicekit.registry.ServiceInstance;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background watch of one service: a loop of Consul blocking queries on its own daemon thread,
 * publishing an immutable {@link Snapshot} that readers use without locking or allocating.
 *
 * <p>Index handling follows Consul's guidance for blocking queries: an index that goes backwards is
 * reset (the next query is a fresh, non-blocking one), an index below 1 becomes 1, a failed query
 * is followed by a fresh one (the agent may have restarted), successive queries are at least {@code
 * watch.min-interval} apart, and failures back off exponentially with jitter. The HTTP read timeout
 * of these queries is above {@code wait + wait/16}.
 *
 * <p>An agent that returns from an outage, or whose index went backwards, has usually lost its
 * registrations (a restart with wiped data): every instance re-registers within one check interval,
 * and its check passes one interval later. An empty answer for a service that had instances is then
 * held off for up to {@code watch.recovery-hold}: the last known set stays in use (reported as
 * stale) until the instances are back or the hold runs out, so callers do not see a service vanish
 * for the seconds it takes to re-register.
 */
final class ServiceWatch {

  private static final Logger log = LoggerFactory.getLogger(ServiceWatch.class);

  /** What readers see: instances plus their pre-built {@link Optional}s, index-aligned. */
  static final class Snapshot {
    static final Snapshot EMPTY = new Snapshot(List.of());

    final List<ServiceInstance> instances;
    final Optional<ServiceInstance>[] choices;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Snapshot(List<ServiceInstance> instances) {
      this.instances = instances;
      this.choices = new Optional[instances.size()];
      for (int i = 0; i < choices.length; i++) {
        choices[i] = Optional.of(instances.get(i));
      }
    }
  }

  private final String service;
  private final ConsulAgent agent;
  private final Duration wait;
  private final long minIntervalNanos;
  private final long recoveryHoldNanos;
  private final Backoff backoff;
  private final Counter refreshes;
  private final Counter errors;
  final LoadBalancer balancer;
  private final CopyOnWriteArrayList<InstanceListener> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private final Thread thread;

  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile Instant lastSuccess;
  private volatile boolean stale;
  private volatile String lastError = "";
  private volatile boolean closed;
  private final Object listenerLock = new Object();
  private List<ServiceInstance> lastPublished; // guarded by listenerLock

  ServiceWatch(
      String service,
      ConsulAgent agent,
      ConsulSettings settings,
      LoadBalancer balancer,
      RegistryMetrics metrics) {
    this.service = service;
    this.agent = agent;
    this.wait = settings.watch.queryWait();
    this.minIntervalNanos = settings.watch.minInterval().toNanos();
    this.recoveryHoldNanos = settings.watch.recoveryHold().toNanos();
    this.backoff = settings.backoff;
    this.balancer = balancer;
    this.refreshes = metrics.watchRefreshes(service);
    this.errors = metrics.watchErrors(service);
    metrics.instances(service, () -> snapshot.instances.size());
    this.thread = new Thread(this::run, "servicekit-watch-" + service);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** Waits until the first query has been answered or has failed, at most {@code timeout}. */
  void awaitFirstAttempt(Duration timeout) {
    try {
      firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void addListener(InstanceListener listener) {
    synchronized (listenerLock) {
      listeners.add(listener);
      if (lastPublished != null) {
        notify(listener, lastPublished);
      }
    }
  }

  void removeListener(InstanceListener listener) {
    listeners.remove(listener);
  }

  CacheStatus status() {
    Instant last = lastSuccess;
    String error = lastError;
    return new CacheStatus(
        Optional.ofNullable(last),
        last == null ? Duration.ZERO : Duration.between(last, Instant.now()),
        stale,
        error.isEmpty() ? Optional.empty() : Optional.of(error));
  }

  private void run() {
    long index = 0;
    int failures = 0;
    boolean agentReset = false; // an outage or an index that went backwards since the last answer
    long holdUntil = 0; // System.nanoTime() deadline of a held-off empty answer; 0 when none
    while (!closed) {
      long started = System.nanoTime();
      try {
        Duration askWait =
            holdUntil == 0 ? wait : shorter(wait, Duration.ofNanos(holdUntil - started));
        ConsulAgent.Answer answer = agent.healthy(service, index, askWait);
        refreshes.increment();
        long next = answer.index();
        if (next < index) {
          // The agent's index went backwards (restart, snapshot restore): start afresh.
          next = 0;
          agentReset = true;
        } else if (next < 1) {
          next = 1;
        }
        boolean recovering = stale && holdUntil == 0;
        index = next;
        failures = 0;
        lastSuccess = Instant.now();
        lastError = "";
        if (recovering) {
          log.info("watch of {} reaches the Consul agent again", service);
        }
        List<ServiceInstance> instances = answer.instances();
        if (instances.isEmpty()
            && !snapshot.instances.isEmpty()
            && (agentReset || holdUntil != 0)) {
          long now = System.nanoTime();
          if (holdUntil == 0 && recoveryHoldNanos > 0) {
            holdUntil = now + recoveryHoldNanos;
            log.info(
                "{} has no healthy instance on the returning agent; serving the last known {} for"
                    + " up to {} while they re-register",
                service,
                snapshot.instances.size(),
                Duration.ofNanos(recoveryHoldNanos));
          }
          if (holdUntil != 0 && now - holdUntil < 0) {
            stale = true;
            agentReset = false;
            firstAttempt.countDown();
            pause(minIntervalNanos - (System.nanoTime() - started));
            continue;
          }
        }
        holdUntil = 0;
        agentReset = false;
        stale = false;
        publish(instances);
        firstAttempt.countDown();
        pause(minIntervalNanos - (System.nanoTime() - started));
      } catch (AgentException e) {
        if (closed) {
          break;
        }
        errors.increment();
        failures++;
        // The agent may come back restarted with another index: ask afresh, without blocking.
        index = 0;
        agentReset = true;
        lastError = e.getMessage();
        if (!stale) {
          log.warn(
              "watch of {} failed: {}; serving the last known {} instance(s)",
              service,
              e.getMessage(),
              snapshot.instances.size());
        }
        stale = true;
        firstAttempt.countDown();
        pause(Math.max(backoff.delay(failures).toNanos(), minIntervalNanos));
      } catch (RuntimeException e) {
        if (closed) {
          break;
        }
        errors.increment();
        failures++;
        index = 0;
        agentReset = true;
        stale = true;
        lastError = e.getClass().getSimpleName();
        log.warn("watch of {} failed unexpectedly", service, e);
        firstAttempt.countDown();
        pause(Math.max(backoff.delay(failures).toNanos(), minIntervalNanos));
      }
    }
  }

  private static Duration shorter(Duration a, Duration b) {
    Duration floor = Duration.ofSeconds(1); // Consul's blocking wait has a granularity of seconds
    Duration min = a.compareTo(b) <= 0 ? a : b;
    return min.compareTo(floor) < 0 ? floor : min;
  }

  private void publish(List<ServiceInstance> instances) {
    synchronized (listenerLock) {
      if (lastPublished != null && instances.equals(lastPublished)) {
        return;
      }
      lastPublished = instances;
      snapshot = new Snapshot(instances);
      log.debug("{} has {} healthy instance(s)", service, instances.size());
      for (InstanceListener l : listeners) {
        notify(l, instances);
      }
    }
  }

  private void notify(InstanceListener listener, List<ServiceInstance> instances) {
    try {
      listener.instancesChanged(service, instances);
    } catch (RuntimeException e) {
      log.warn("listener of {} threw", service, e);
    }
  }

  private void pause(long nanos) {
    if (nanos > 0 && !closed) {
      LockSupport.parkNanos(this, nanos);
    }
  }

  void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
