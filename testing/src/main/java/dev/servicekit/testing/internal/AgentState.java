package dev.servicekit.testing.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Everything one agent knows: its node, local services and checks, and a raft-like index that moves
 * forward on every catalog-visible change. Thread-safe; blocking queries wait on it.
 *
 * <p>Index rules follow Consul's state store: a health or catalog query for a service name reports
 * the index of that name's last change; for a name without instances, the index at which the last
 * service name disappeared. Identical re-registrations and output-only check updates do not move
 * the index (Consul syncs unchanged output only every few minutes).
 */
public final class AgentState {
  /** Consul's passing status. */
  public static final String PASSING = "passing";

  /** Consul's warning status. */
  public static final String WARNING = "warning";

  /** Consul's critical status. */
  public static final String CRITICAL = "critical";

  /** The name of the agent's own (server) service. */
  public static final String CONSUL_SERVICE = "consul";

  /** Consul's default check output limit ({@code check_output_max_size}). */
  public static final int MAX_OUTPUT = 4096;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final NodeInfo node;
  private final long bootIndex;
  private final ServiceEntry consulService;
  private final Map<String, ServiceEntry> services = new LinkedHashMap<>();
  private final Map<String, CheckEntry> checks = new LinkedHashMap<>();
  private final Map<String, Long> healthIndexByName = new HashMap<>();
  private final Map<String, Long> catalogIndexByName = new HashMap<>();
  private long index;
  private long servicesTableIndex;
  private long extinctionIndex;
  private long abortEpoch;
  private CheckListener listener = CheckListener.NOOP;

  /**
   * Creates the state of a freshly started agent.
   *
   * @param node the node
   * @param bootIndex the index at which the node and the {@code consul} service were registered; at
   *     least 1
   */
  public AgentState(NodeInfo node, long bootIndex) {
    if (bootIndex < 1) {
      throw new IllegalArgumentException("bootIndex must be at least 1");
    }
    this.node = node;
    this.bootIndex = bootIndex;
    this.index = bootIndex;
    this.servicesTableIndex = bootIndex;
    this.extinctionIndex = bootIndex;
    this.consulService =
        new ServiceEntry(
            new ServiceDefinition(
                CONSUL_SERVICE,
                CONSUL_SERVICE,
                List.of(),
                "",
                8300,
                Map.of(),
                1,
                1,
                false,
                List.of()),
            bootIndex,
            bootIndex);
    healthIndexByName.put(CONSUL_SERVICE, bootIndex);
    catalogIndexByName.put(CONSUL_SERVICE, bootIndex);
  }

  /**
   * Sets who is told about checks coming and going.
   *
   * @param listener the listener
   */
  public void setListener(CheckListener listener) {
    lock.lock();
    try {
      this.listener = listener;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The node.
   *
   * @return the node
   */
  public NodeInfo node() {
    return node;
  }

  /**
   * The current raft-like index.
   *
   * @return the index, at least 1
   */
  public long index() {
    lock.lock();
    try {
      return index;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers or replaces a service and its checks, as {@code PUT /v1/agent/service/register}.
   *
   * @param def the validated definition
   * @param replaceExistingChecks whether checks of the service missing from {@code def} go away
   */
  public void register(ServiceDefinition def, boolean replaceExistingChecks) {
    lock.lock();
    try {
      long next = index + 1;
      boolean anyChange = false;
      ServiceEntry existing = services.get(def.id());
      boolean serviceChanged = existing == null || !existing.definition().sameServiceAs(def);
      if (existing != null && !existing.definition().name().equals(def.name())) {
        // the instance leaves its old name
        services.remove(def.id());
        touchName(existing.definition().name(), next, true);
      }
      ServiceEntry entry =
          new ServiceEntry(
              def,
              existing == null ? next : existing.createIndex(),
              serviceChanged ? next : existing.modifyIndex());
      services.put(def.id(), entry);
      anyChange |= serviceChanged;

      List<CheckEntry> added = new ArrayList<>();
      List<String> newIds = new ArrayList<>();
      int count = def.checks().size();
      for (int i = 0; i < count; i++) {
        CheckDefinition cd = def.checks().get(i);
        String id = cd.checkId();
        if (id.isEmpty()) {
          id = "service:" + def.id() + (count > 1 ? ":" + (i + 1) : "");
        }
        String name = cd.name().isEmpty() ? "Service '" + def.name() + "' check" : cd.name();
        CheckEntry old = checks.get(id);
        // as Consul's addServiceInternal: an existing check keeps its current status and output
        String status = old != null ? old.status() : cd.status().isEmpty() ? CRITICAL : cd.status();
        boolean same =
            old != null
                && sameIgnoringStatus(old.definition(), cd)
                && old.serviceId().equals(def.id())
                && old.serviceTags().equals(def.tags());
        CheckEntry check =
            new CheckEntry(
                id,
                name,
                def.id(),
                def.name(),
                def.tags(),
                cd,
                status,
                old == null ? next : old.createIndex(),
                same ? old.modifyIndex() : next,
                old == null ? "" : old.output());
        anyChange |= !same;
        if (old != null) {
          listener.checkRemoved(old);
        }
        checks.put(id, check);
        added.add(check);
        newIds.add(id);
      }
      if (replaceExistingChecks) {
        Iterator<CheckEntry> it = checks.values().iterator();
        while (it.hasNext()) {
          CheckEntry c = it.next();
          if (c.serviceId().equals(def.id()) && !newIds.contains(c.checkId())) {
            it.remove();
            listener.checkRemoved(c);
            anyChange = true;
          }
        }
      }
      if (anyChange) {
        index = next;
        touchName(def.name(), next, serviceChanged);
        changed.signalAll();
      }
      for (CheckEntry c : added) {
        listener.checkAdded(c);
      }
    } finally {
      lock.unlock();
    }
  }

  private static boolean sameIgnoringStatus(CheckDefinition a, CheckDefinition b) {
    return a.withIdNameStatus(a.checkId(), a.name(), "")
        .equals(b.withIdNameStatus(b.checkId(), b.name(), ""));
  }

  /**
   * Removes a service and its checks.
   *
   * @param serviceId the service ID
   * @return false when no such service was registered
   */
  public boolean deregister(String serviceId) {
    lock.lock();
    try {
      ServiceEntry removed = services.remove(serviceId);
      if (removed == null) {
        return false;
      }
      long next = ++index;
      Iterator<CheckEntry> it = checks.values().iterator();
      while (it.hasNext()) {
        CheckEntry c = it.next();
        if (c.serviceId().equals(serviceId)) {
          it.remove();
          listener.checkRemoved(c);
        }
      }
      touchName(removed.definition().name(), next, true);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers or replaces a check on its own, as {@code PUT /v1/agent/check/register}.
   *
   * @param cd the check, with its ID set
   * @param serviceId the service it belongs to (must be registered), empty for a node check
   * @return false when {@code serviceId} names no registered service
   */
  public boolean registerCheck(CheckDefinition cd, String serviceId) {
    lock.lock();
    try {
      ServiceEntry svc = serviceId.isEmpty() ? null : services.get(serviceId);
      if (!serviceId.isEmpty() && svc == null) {
        return false;
      }
      String serviceName = svc == null ? "" : svc.definition().name();
      List<String> tags = svc == null ? List.of() : svc.definition().tags();
      String status = cd.status().isEmpty() ? CRITICAL : cd.status();
      CheckEntry old = checks.get(cd.checkId());
      boolean same =
          old != null
              && old.definition().equals(cd)
              && old.status().equals(status)
              && old.serviceId().equals(serviceId);
      long next = index + 1;
      CheckEntry check =
          new CheckEntry(
              cd.checkId(),
              cd.name(),
              serviceId,
              serviceName,
              tags,
              cd,
              status,
              old == null ? next : old.createIndex(),
              same ? old.modifyIndex() : next,
              same ? old.output() : "");
      if (old != null) {
        listener.checkRemoved(old);
      }
      checks.put(cd.checkId(), check);
      if (!same) {
        index = next;
        touchCheckOwners(serviceName, next);
        if (old != null && !old.serviceName().equals(serviceName)) {
          touchCheckOwners(old.serviceName(), next);
        }
        changed.signalAll();
      }
      listener.checkAdded(check);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes one check, as {@code PUT /v1/agent/check/deregister/:id}.
   *
   * @param checkId the check ID
   * @return false when no such check was registered
   */
  public boolean deregisterCheck(String checkId) {
    lock.lock();
    try {
      CheckEntry removed = checks.remove(checkId);
      if (removed == null) {
        return false;
      }
      listener.checkRemoved(removed);
      long next = ++index;
      touchCheckOwners(removed.serviceName(), next);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** A service check touches its service's name; a node check touches every name on the node. */
  private void touchCheckOwners(String serviceName, long idx) {
    if (!serviceName.isEmpty()) {
      touchName(serviceName, idx, false);
      return;
    }
    for (String name : new ArrayList<>(healthIndexByName.keySet())) {
      healthIndexByName.put(name, idx);
    }
  }

  private void touchName(String name, long idx, boolean catalogChange) {
    if (instancesOf(name).isEmpty() && !name.equals(CONSUL_SERVICE)) {
      healthIndexByName.remove(name);
      catalogIndexByName.remove(name);
      extinctionIndex = idx;
      servicesTableIndex = idx;
      return;
    }
    healthIndexByName.put(name, idx);
    if (catalogChange) {
      catalogIndexByName.put(name, idx);
      servicesTableIndex = idx;
    }
  }

  /** The result of a TTL update through the API. */
  public enum TtlUpdate {
    /** Applied. */
    UPDATED,
    /** No check with that ID. */
    UNKNOWN_CHECK,
    /** The check exists but is not a TTL check. */
    NOT_TTL
  }

  /**
   * Sets a TTL check's status and output and starts its TTL again.
   *
   * @param checkId the check ID
   * @param status the new status
   * @param output the new output
   * @return what happened
   */
  public TtlUpdate updateTtl(String checkId, String status, String output) {
    lock.lock();
    try {
      CheckEntry c = checks.get(checkId);
      if (c == null) {
        return TtlUpdate.UNKNOWN_CHECK;
      }
      if (!c.definition().type().equals("ttl")) {
        return TtlUpdate.NOT_TTL;
      }
      apply(c, status, output);
      c.markTtlSet(System.nanoTime());
      listener.ttlRefreshed(c);
      return TtlUpdate.UPDATED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records an HTTP or TCP check's result through the check's {@code SuccessBeforePassing} and
   * {@code FailuresBefore...} thresholds (as Consul's status handler), unless the entry has been
   * removed or replaced meanwhile.
   *
   * @param check the entry the runner belongs to
   * @param status the runner's status
   * @param output the runner's output
   */
  public void recordRunResult(CheckEntry check, String status, String output) {
    lock.lock();
    try {
      if (checks.get(check.checkId()) == check) {
        String effective = check.thresholded(status);
        if (effective != null) {
          apply(check, effective, output);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records a check runner's result, unless the entry has been removed or replaced meanwhile.
   *
   * @param check the entry the runner belongs to
   * @param status the new status
   * @param output the new output
   */
  public void recordResult(CheckEntry check, String status, String output) {
    lock.lock();
    try {
      if (checks.get(check.checkId()) == check) {
        apply(check, status, output);
      }
    } finally {
      lock.unlock();
    }
  }

  private void apply(CheckEntry c, String status, String output) {
    String truncated = output;
    if (truncated.length() > MAX_OUTPUT) {
      truncated =
          truncated.substring(0, MAX_OUTPUT)
              + " ... (captured "
              + MAX_OUTPUT
              + " of "
              + output.length()
              + " bytes)";
    }
    if (c.status().equals(status)) {
      c.update(status, truncated, c.modifyIndex(), System.nanoTime());
      return;
    }
    long next = ++index;
    c.update(status, truncated, next, System.nanoTime());
    touchCheckOwners(c.serviceName(), next);
    changed.signalAll();
  }

  /**
   * Removes services that have had a critical check with {@code DeregisterCriticalServiceAfter} for
   * longer than that (or the minimum, whichever is larger).
   *
   * @param minimum Consul's lower bound for {@code DeregisterCriticalServiceAfter}
   * @return the IDs of the removed services
   */
  public List<String> reap(Duration minimum) {
    lock.lock();
    try {
      long now = System.nanoTime();
      List<String> doomed = new ArrayList<>();
      for (CheckEntry c : checks.values()) {
        Duration after = c.definition().deregisterCriticalServiceAfter();
        if (after.isZero() || after.isNegative() || c.serviceId().isEmpty()) {
          continue;
        }
        if (!c.status().equals(CRITICAL) || c.criticalSinceNanos() == CheckEntry.NOT_CRITICAL) {
          continue;
        }
        Duration timeout = after.compareTo(minimum) < 0 ? minimum : after;
        if (now - c.criticalSinceNanos() > timeout.toNanos() && !doomed.contains(c.serviceId())) {
          doomed.add(c.serviceId());
        }
      }
      for (String id : doomed) {
        deregister(id);
      }
      return doomed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A service registered with this agent.
   *
   * @param serviceId the ID
   * @return the entry, or null
   */
  public ServiceEntry service(String serviceId) {
    lock.lock();
    try {
      return services.get(serviceId);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A check registered with this agent.
   *
   * @param checkId the ID
   * @return the entry, or null
   */
  public CheckEntry check(String checkId) {
    lock.lock();
    try {
      return checks.get(checkId);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The agent's own services, by ID, in registration order (without the {@code consul} service).
   *
   * @return a snapshot
   */
  public Map<String, ServiceEntry> localServices() {
    lock.lock();
    try {
      return new LinkedHashMap<>(services);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The agent's checks, by ID, in registration order.
   *
   * @return a snapshot (entries are live; read them through {@link #read})
   */
  public Map<String, CheckEntry> localChecks() {
    lock.lock();
    try {
      return new LinkedHashMap<>(checks);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The catalog's instances of a service name, including the {@code consul} service.
   *
   * @param name the service name
   * @return the instances in registration order
   */
  public List<ServiceEntry> instancesOf(String name) {
    lock.lock();
    try {
      List<ServiceEntry> out = new ArrayList<>();
      if (name.equals(CONSUL_SERVICE)) {
        out.add(consulService);
      }
      for (ServiceEntry e : services.values()) {
        if (e.definition().name().equals(name)) {
          out.add(e);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * All catalog instances, including the {@code consul} service.
   *
   * @return the instances, the {@code consul} service first
   */
  public List<ServiceEntry> allInstances() {
    lock.lock();
    try {
      List<ServiceEntry> out = new ArrayList<>();
      out.add(consulService);
      out.addAll(services.values());
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The checks of one service instance, or the node's own checks.
   *
   * @param serviceId the service ID, empty for the node's checks
   * @return the checks in registration order
   */
  public List<CheckEntry> checksOf(String serviceId) {
    lock.lock();
    try {
      List<CheckEntry> out = new ArrayList<>();
      for (CheckEntry c : checks.values()) {
        if (c.serviceId().equals(serviceId)) {
          out.add(c);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The index a health query for a service name reports.
   *
   * @param name the service name
   * @return the index, at least 1
   */
  public long healthIndex(String name) {
    lock.lock();
    try {
      return Math.max(1, healthIndexByName.getOrDefault(name, extinctionIndex));
    } finally {
      lock.unlock();
    }
  }

  /**
   * The index a catalog query for a service name reports.
   *
   * @param name the service name
   * @return the index, at least 1
   */
  public long catalogIndex(String name) {
    lock.lock();
    try {
      return Math.max(1, catalogIndexByName.getOrDefault(name, extinctionIndex));
    } finally {
      lock.unlock();
    }
  }

  /**
   * The index of the last change to the set of services (catalog/services).
   *
   * @return the index, at least 1
   */
  public long servicesIndex() {
    lock.lock();
    try {
      return Math.max(1, servicesTableIndex);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The index at which the agent started.
   *
   * @return the boot index
   */
  public long bootIndex() {
    return bootIndex;
  }

  /**
   * Runs a read consistently under the state's lock.
   *
   * @param <T> the result type
   * @param read the read
   * @return its result
   */
  public <T> T read(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The result of a blocking query.
   *
   * @param <T> the value type
   * @param index the index to report in {@code X-Consul-Index}
   * @param value the rendered value
   */
  public record QueryResult<T>(long index, T value) {}

  /**
   * Runs a Consul blocking query: waits while {@code minIndex > 0} and the query's index is at most
   * {@code minIndex}, until the deadline; then renders under the lock.
   *
   * @param <T> the value type
   * @param minIndex the client's {@code index}, 0 for no blocking
   * @param deadlineNanos the {@code System.nanoTime()} at which to give up waiting
   * @param indexOf computes the query's index from this state
   * @param render renders the answer
   * @return the index and value, or null when the wait was aborted (agent stopped)
   */
  public <T> QueryResult<T> query(
      long minIndex, long deadlineNanos, ToLongFunction<AgentState> indexOf, Supplier<T> render) {
    lock.lock();
    try {
      long epoch = abortEpoch;
      long current = indexOf.applyAsLong(this);
      while (minIndex > 0 && current <= minIndex) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          break;
        }
        try {
          changed.awaitNanos(Math.min(remaining, TimeUnit.SECONDS.toNanos(1)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
        if (abortEpoch != epoch) {
          return null;
        }
        current = indexOf.applyAsLong(this);
      }
      return new QueryResult<>(Math.max(1, current), render.get());
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every blocking query and makes it give up (the agent stopped listening). */
  public void abortWaiters() {
    lock.lock();
    try {
      abortEpoch++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Removes every service and check without moving the index (used on shutdown). */
  public void clear() {
    lock.lock();
    try {
      for (CheckEntry c : checks.values()) {
        listener.checkRemoved(c);
      }
      checks.clear();
      services.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * What an agent with a data directory keeps across a restart (Consul persists service and check
   * definitions, and the state of TTL checks updated through the API until their TTL runs out).
   *
   * @param services the service definitions, without their checks
   * @param checks the checks, with their IDs and names
   */
  public record Persisted(List<ServiceDefinition> services, List<PersistedCheck> checks) {
    /** Nothing persisted (a dev-mode agent or a wiped data directory). */
    public static final Persisted NONE = new Persisted(List.of(), List.of());
  }

  /**
   * One persisted check.
   *
   * @param serviceId the owning service, empty for a node check
   * @param definition the definition with its check ID and name
   * @param status the status at persist time
   * @param output the output at persist time
   * @param ttlStateExpiresNanos until when the TTL state is valid ({@link CheckEntry#NOT_CRITICAL}
   *     when only the definition is persisted)
   */
  public record PersistedCheck(
      String serviceId,
      CheckDefinition definition,
      String status,
      String output,
      long ttlStateExpiresNanos) {}

  /**
   * What the agent would find in its data directory after a restart.
   *
   * @return the persisted definitions and TTL states
   */
  public Persisted persisted() {
    lock.lock();
    try {
      List<ServiceDefinition> defs = new ArrayList<>();
      for (ServiceEntry e : services.values()) {
        ServiceDefinition d = e.definition();
        defs.add(d.withChecks(List.of()));
      }
      List<PersistedCheck> out = new ArrayList<>();
      for (CheckEntry c : checks.values()) {
        CheckDefinition cd = c.definition();
        long expires = CheckEntry.NOT_CRITICAL;
        if (cd.type().equals("ttl") && c.ttlSetNanos() != CheckEntry.NOT_CRITICAL) {
          expires = c.ttlSetNanos() + cd.ttl().toNanos();
        }
        out.add(
            new PersistedCheck(
                c.serviceId(),
                cd.withIdNameStatus(c.checkId(), c.name(), cd.status()),
                c.status(),
                c.output(),
                expires));
      }
      return new Persisted(List.copyOf(defs), List.copyOf(out));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Loads what a restarted agent finds in its data directory, as Consul's agent does at start:
   * services and checks come back, every check starts critical, and a TTL check whose persisted
   * state has not expired gets its status and output back.
   *
   * @param persisted what was persisted
   */
  public void restore(Persisted persisted) {
    lock.lock();
    try {
      for (ServiceDefinition d : persisted.services()) {
        register(d, false);
      }
      long now = System.nanoTime();
      for (PersistedCheck p : persisted.checks()) {
        boolean stateValid =
            p.ttlStateExpiresNanos() != CheckEntry.NOT_CRITICAL
                && now - p.ttlStateExpiresNanos() < 0;
        String status = stateValid ? p.status() : CRITICAL;
        CheckDefinition cd = p.definition();
        registerCheck(cd.withIdNameStatus(cd.checkId(), cd.name(), status), p.serviceId());
        CheckEntry entry = checks.get(cd.checkId());
        if (entry != null && stateValid) {
          entry.restoreOutput(p.output());
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
