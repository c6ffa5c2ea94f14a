package dev.servicekit.registry.internal;

import dev.servicekit.core.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance registered: registers at start, retries with backoff while the agent is
 * unreachable or refuses, sends TTL heartbeats or looks the registration up periodically, and
 * registers again when the agent has forgotten it. All work runs on one daemon thread.
 */
final class Registrar {

  private static final Logger log = LoggerFactory.getLogger(Registrar.class);

  /** Where the registration stands; shown in the readiness detail. */
  enum State {
    /** Not tried yet. */
    STARTING,
    /** The agent has confirmed the registration. */
    REGISTERED,
    /** The agent could not be reached since the last confirmation. */
    UNCONFIRMED,
    /** Registration failed; retrying with backoff. */
    RETRYING,
    /** Deregistered on a graceful stop. */
    DEREGISTERED
  }

  private final ConsulAgent agent;
  private final Registration registration;
  private final Backoff backoff;
  private final Duration maintenanceInterval;
  private final Duration requestTimeout;
  private final RegistryMetrics metrics;
  private final ScheduledExecutorService executor;

  private volatile State state = State.STARTING;
  private volatile String lastError = "";
  private volatile Instant since = Instant.now();
  private volatile boolean closed;
  private int failureStreak;
  private ScheduledFuture<?> maintenance;

  Registrar(
      ConsulAgent agent,
      Registration registration,
      ConsulSettings settings,
      RegistryMetrics metrics) {
    this.agent = agent;
    this.registration = registration;
    this.backoff = settings.backoff;
    this.maintenanceInterval =
        registration
            .check()
            .match(http -> settings.check.verifyInterval(), ttl -> settings.check.heartbeat());
    this.requestTimeout = settings.requestTimeout.plus(settings.connectTimeout);
    this.metrics = metrics;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "servicekit-registry-" + registration.name());
              t.setDaemon(true);
              return t;
            });
    metrics.state(() -> state == State.REGISTERED ? 1 : 0);
  }

  /**
   * Makes the first attempt, waiting for it at most one request timeout; whatever its outcome, the
   * service starts and later attempts continue in the background.
   */
  void start() throws InterruptedException {
    try {
      executor.submit(this::attempt).get(requestTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.debug("first registration attempt still running or failed; continuing in background");
    }
  }

  State state() {
    return state;
  }

  /** Readiness detail: always up, since the registry being down must not stop serving. */
  HealthStatus health() {
    HealthStatus status =
        HealthStatus.up()
            .withDetail("registration", state.name().toLowerCase(java.util.Locale.ROOT))
            .withDetail("serviceId", registration.id())
            .withDetail("since", since.toString());
    String error = lastError;
    return error.isEmpty() ? status : status.withDetail("lastError", error);
  }

  private void attempt() {
    if (closed) {
      return;
    }
    metrics.attempts.increment();
    try {
      agent.register(registration);
      // A TTL check starts critical: pass it at once rather than one heartbeat later.
      registration.check().match(http -> true, ttl -> agent.passTtl(ttl.id()));
      if (state != State.REGISTERED) {
        log.info(
            "registered {} as {} with the Consul agent", registration.name(), registration.id());
      }
      failureStreak = 0;
      lastError = "";
      transition(State.REGISTERED);
      scheduleMaintenance();
    } catch (AgentException e) {
      metrics.failures.increment();
      failureStreak++;
      lastError = e.getMessage();
      transition(State.RETRYING);
      Duration delay = backoff.delay(failureStreak);
      if (failureStreak == 1 || failureStreak % 10 == 0) {
        log.warn(
            "registration of {} failed (attempt {}): {}; retrying in {} ms",
            registration.id(),
            failureStreak,
            e.getMessage(),
            delay.toMillis());
      }
      schedule(this::attempt, delay);
    } catch (RuntimeException e) {
      if (closed) {
        return;
      }
      metrics.failures.increment();
      failureStreak++;
      lastError = e.getClass().getSimpleName();
      transition(State.RETRYING);
      log.warn("registration of {} failed unexpectedly", registration.id(), e);
      schedule(this::attempt, backoff.delay(failureStreak));
    }
  }

  private void maintain() {
    if (closed) {
      return;
    }
    try {
      boolean known =
          registration
              .check()
              .match(http -> agent.isRegistered(registration.id()), ttl -> agent.passTtl(ttl.id()));
      if (known) {
        metrics.heartbeats.increment();
        if (state != State.REGISTERED) {
          log.info("Consul agent reachable again; registration {} confirmed", registration.id());
          lastError = "";
          transition(State.REGISTERED);
        }
        return;
      }
      metrics.lost.increment();
      log.warn("the Consul agent lost registration {}; registering again", registration.id());
      cancelMaintenance();
      transition(State.RETRYING);
      attempt();
    } catch (AgentException e) {
      metrics.heartbeatFailures.increment();
      if (state == State.REGISTERED) {
        log.warn("cannot confirm registration {}: {}", registration.id(), e.getMessage());
      }
      lastError = e.getMessage();
      transition(State.UNCONFIRMED);
    } catch (RuntimeException e) {
      if (closed) {
        return;
      }
      metrics.heartbeatFailures.increment();
      log.warn("registration check of {} failed unexpectedly", registration.id(), e);
    }
  }

  private void transition(State next) {
    if (state != next) {
      state = next;
      since = Instant.now();
    }
  }

  private void scheduleMaintenance() {
    cancelMaintenance();
    if (!closed) {
      long ms = maintenanceInterval.toMillis();
      maintenance = executor.scheduleWithFixedDelay(this::maintain, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private void cancelMaintenance() {
    if (maintenance != null) {
      maintenance.cancel(false);
      maintenance = null;
    }
  }

  private void schedule(Runnable task, Duration delay) {
    if (!closed) {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Stops retrying and heartbeats, then deregisters; an unknown registration counts as done. */
  void withdraw() throws InterruptedException {
    closed = true;
    executor.shutdownNow();
    executor.awaitTermination(requestTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    try {
      agent.deregister(registration.id());
      transition(State.DEREGISTERED);
      log.info("deregistered {} from the Consul agent", registration.id());
    } catch (AgentException e) {
      lastError = e.getMessage();
      log.warn(
          "could not deregister {} ({}); the agent removes it after its check has been critical for"
              + " DeregisterCriticalServiceAfter",
          registration.id(),
          e.getMessage());
    }
  }

  /** Releases the thread; safe after or without {@link #withdraw()}. */
  void stop() {
    closed = true;
    executor.shutdownNow();
  }
}
