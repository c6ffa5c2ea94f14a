package dev.servicekit.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The process-wide configuration layer: how a started runtime's builder values reach modules that
 * do not know the runtime (logging, correlation).
 *
 * <p>At start, a runtime {@link #publish publishes} its resolved identity and its builder settings;
 * from then on {@link #current()} answers with those settings over the system properties and the
 * environment, and {@link #identity()} with that identity. Closing the returned {@link Layer}
 * withdraws it. Several runtimes in one JVM (tests) stack: the most recently published layer that
 * is still open wins, and withdrawing it brings back the one below. Before any runtime starts, both
 * answer from system properties and the environment alone.
 *
 * <p>Readers on a hot path do not look anything up per call: they keep what they derived together
 * with {@link #version()} (one volatile read) and derive again only when the version moved, or
 * register a {@link #addListener listener}. Thread-safe.
 *
 * <pre>{@code
 * ProcessConfig.Layer layer = ProcessConfig.publish(identity, builderSettings); // at start()
 * ProcessConfig.current().get("servicekit.correlation.header");                // anywhere
 * layer.close();                                                               // at close()
 * }</pre>
 */
public final class ProcessConfig {

  private static final Object LOCK = new Object();
  private static final List<Layer> LAYERS = new ArrayList<>();
  private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
  private static volatile @Nullable Layer top;
  private static volatile int version;

  private ProcessConfig() {}

  /**
   * The configuration as of now: the published builder settings (if a runtime runs) over the
   * current system properties and environment. A fresh copy on every call: keep what you derive.
   *
   * @return a snapshot; cheap to take, but not free (it copies system properties and the
   *     environment)
   */
  public static ServiceConfig current() {
    Layer t = top;
    ServiceConfig base = ServiceConfig.fromEnvironment();
    return t == null ? base : base.withOverrides(t.settings);
  }

  /**
   * The identity of the running service, or, before a runtime published one, what system properties
   * and the environment give (malformed values are ignored here; the module that reads them reports
   * them).
   *
   * @return the published identity, else the resolved one
   */
  public static ServiceIdentity identity() {
    Layer t = top;
    return t != null ? t.identity : IdentityChain.resolve(current(), problem -> {});
  }

  /**
   * Whether a runtime's layer is published now.
   *
   * @return true from a runtime's start until its layer is closed
   */
  public static boolean published() {
    return top != null;
  }

  /**
   * The layer that applies now (the newest one still open), or empty before any runtime runs.
   *
   * @return the top layer
   */
  public static java.util.Optional<Layer> layer() {
    return java.util.Optional.ofNullable(top);
  }

  /**
   * A number that changes whenever a layer is published or withdrawn. One volatile read.
   *
   * @return compare it with the one read before; equal means nothing was published or withdrawn in
   *     between
   */
  public static int version() {
    return version;
  }

  /**
   * Publishes a runtime's identity and builder settings; they win over system properties and the
   * environment until the returned layer is closed. Listeners run before this returns.
   *
   * @param identity the runtime's resolved identity
   * @param settings the builder settings by key; copied
   * @return the layer; close it to withdraw what was published
   */
  public static Layer publish(ServiceIdentity identity, Map<String, String> settings) {
    Layer layer =
        new Layer(
            Objects.requireNonNull(identity, "identity"),
            Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings"))));
    synchronized (LOCK) {
      LAYERS.add(layer);
      top = layer;
      version++;
    }
    notifyListeners();
    return layer;
  }

  /**
   * Runs {@code listener} after every publish and withdrawal, on the thread that did it. A listener
   * must be quick and must not throw (what it throws is ignored).
   *
   * @param listener called with no arguments; keep a reference to remove it
   */
  public static void addListener(Runnable listener) {
    LISTENERS.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added with {@link #addListener}.
   *
   * @param listener the listener as added; unknown listeners are ignored
   */
  public static void removeListener(Runnable listener) {
    LISTENERS.remove(listener);
  }

  private static void withdraw(Layer layer) {
    synchronized (LOCK) {
      if (!LAYERS.remove(layer)) {
        return;
      }
      top = LAYERS.isEmpty() ? null : LAYERS.get(LAYERS.size() - 1);
      version++;
    }
    notifyListeners();
  }

  private static void notifyListeners() {
    for (Runnable listener : LISTENERS) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // a listener's failure must not stop a runtime from starting or stopping
      }
    }
  }

  /** One runtime's published values; {@link #close()} withdraws them. Idempotent. */
  public static final class Layer implements AutoCloseable {

    private final ServiceIdentity identity;
    private final Map<String, String> settings;

    private Layer(ServiceIdentity identity, Map<String, String> settings) {
      this.identity = identity;
      this.settings = settings;
    }

    /**
     * The published identity.
     *
     * @return the identity as the runtime resolved it
     */
    public ServiceIdentity identity() {
      return identity;
    }

    /**
     * The published builder settings.
     *
     * @return an unmodifiable copy, in no particular order
     */
    public Map<String, String> settings() {
      return settings;
    }

    /** Withdraws this layer; the one published before it (if still open) applies again. */
    @Override
    public void close() {
      withdraw(this);
    }
  }
}
