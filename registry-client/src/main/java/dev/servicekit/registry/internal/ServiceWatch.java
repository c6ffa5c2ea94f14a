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
    this.wait = settings.watchWait;
    this.minIntervalNanos = settings.watchMinInterval.toNanos();
    this.backoff = new Backoff(settings.backoffInitial, settings.backoffMax);
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
    while (!closed) {
      long started = System.nanoTime();
      try {
        ConsulAgent.Answer answer = agent.healthy(service, index, wait);
        refreshes.increment();
        long next = answer.index();
        if (next < index) {
          // The agent's index went backwards (restart, snapshot restore): start afresh.
          next = 0;
        } else if (next < 1) {
          next = 1;
        }
        boolean recovering = stale;
        index = next;
        failures = 0;
        lastSuccess = Instant.now();
        lastError = "";
        stale = false;
        if (recovering) {
          log.info("watch of {} reaches the Consul agent again", service);
        }
        publish(answer.instances());
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
        stale = true;
        lastError = e.getClass().getSimpleName();
        log.warn("watch of {} failed unexpectedly", service, e);
        firstAttempt.countDown();
        pause(Math.max(backoff.delay(failures).toNanos(), minIntervalNanos));
      }
    }
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
