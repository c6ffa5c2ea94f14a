package dev.servicekit.core;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.ServiceIdentity;
import dev.servicekit.config.spi.MeterSource;
import dev.servicekit.config.spi.SettingsCheck;
import dev.servicekit.core.spi.ComponentContext;
import dev.servicekit.core.spi.ComponentProvider;
import dev.servicekit.core.spi.ServiceComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: its identity, health checks, management endpoint and components.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext("/orders", ordersHandler);
 * ServiceRuntime runtime = ServiceRuntime.builder()
 *     .serviceName("orders")
 *     .httpServer(server)      // started after the components, stopped after withdraw and drain
 *     .healthCheck("db", () -> HealthStatus.up())
 *     .start();
 * runtime.managementUri(); // http://10.0.0.5:8081, serving /health/live, /health/ready, /info
 * runtime.close();         // not ready -> withdraw -> drain -> stop
 * }</pre>
 *
 * <p>{@link Builder#start()} resolves and validates all configuration before anything binds, then
 * binds the management endpoint, creates the components found through {@link ComponentProvider} and
 * starts them (ascending {@link ComponentProvider#order()}, then the builder's own components in
 * the order added, then the servers given to {@link Builder#httpServer(HttpServer)}), and finally
 * turns ready. {@link #close()} is idempotent and thread-safe: it turns readiness false, calls
 * {@link ServiceComponent#withdraw()} on every component in reverse, waits for the drain period,
 * calls {@link ServiceComponent#stop()} in reverse, then unbinds the endpoint. Concurrent callers
 * wait for that one stop to finish.
 */
public final class ServiceRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

  /** Lifecycle states, as reported in the {@code state} field of {@code /health/ready}. */
  enum State {
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED
  }

  private final ServiceInfo info;
  private final ServiceConfig config;
  private final RuntimeSettings settings;
  private final MetricsEndpoint metrics;
  private final MeterRegistry meterRegistry;
  private final HealthChecks health;
  private final long startNanos = System.nanoTime();
  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
  private volatile @Nullable ManagementServer server;
  private volatile Components components = new Components(List.of());
  private volatile @Nullable CoreMeters meters;
  private volatile ProcessConfig.@Nullable Layer layer;
  private @Nullable Thread shutdownHook;
  private @Nullable CompletableFuture<Void> stopped;
  private @Nullable Thread stoppingThread;

  private ServiceRuntime(
      ServiceInfo info, ServiceConfig config, RuntimeSettings settings, MetricsEndpoint metrics) {
    this.info = info;
    this.config = config;
    this.settings = settings;
    this.metrics = metrics;
    this.meterRegistry = metrics.registry();
    this.health = new HealthChecks(settings.healthTimeout(), settings.healthThreads());
  }

  /**
   * A new builder; nothing happens until {@link Builder#start()}.
   *
   * @return a builder with every setting at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The identity this service runs under.
   *
   * @return the identity resolved at start; immutable
   */
  public ServiceInfo info() {
    return info;
  }

  /**
   * The configuration the runtime was started with, builder values included.
   *
   * @return the configuration; immutable
   */
  public ServiceConfig config() {
    return config;
  }

  /**
   * Bound base URI of the management endpoint, for example {@code http://10.0.0.5:8081}.
   *
   * @return the URI the endpoint is bound to, with the port it really got
   */
  public URI managementUri() {
    return server.uri();
  }

  /**
   * The first started component that is an instance of {@code type}.
   *
   * @param type the class or interface to look for, for example {@code ServiceDiscovery.class}
   * @param <T> the type looked for
   * @return the component
   * @throws NoSuchElementException when no started component has that type, for example because its
   *     provider was not configured
   */
  public <T> T component(Class<T> type) {
    return findComponent(type)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "No started component of type "
                        + type.getName()
                        + " in service '"
                        + info.name()
                        + "' (started: "
                        + components.names()
                        + "). A component from a provider starts only when its module is on the"
                        + " classpath and configured: the registry client, for example, needs"
                        + " CONSUL_HTTP_ADDR."));
  }

  /**
   * The first started component that is an instance of {@code type}, or empty.
   *
   * @param type the class or interface to look for
   * @param <T> the type looked for
   * @return the component, or empty when no started component has that type
   */
  public <T> Optional<T> findComponent(Class<T> type) {
    Objects.requireNonNull(type, "type");
    for (ServiceComponent c : components.started()) {
      if (type.isInstance(c)) {
        return Optional.of(type.cast(c));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the service should receive traffic: it has started, is not stopping, and every
   * readiness check passes. Runs the readiness checks, waiting at most the health check timeout.
   *
   * @return true when ready; false while starting, stopping or when a readiness check fails
   */
  public boolean isReady() {
    return state.get() == State.RUNNING && health.evaluate(HealthCheck.Kind.READINESS).up();
  }

  /**
   * Whether every liveness check passes. Runs the checks, waiting at most the timeout.
   *
   * @return true when every liveness check passes (also while stopping)
   */
  public boolean isLive() {
    return health.evaluate(HealthCheck.Kind.LIVENESS).up();
  }

  /**
   * Stops the service gracefully: readiness turns false, components withdraw (reverse order), the
   * drain period passes, components stop (reverse order), the management endpoint unbinds.
   *
   * <p>Idempotent; safe from a shutdown hook and from any thread. A second caller waits until the
   * first caller's stop has finished. Never throws: failures of components are logged.
   */
  @Override
  public void close() {
    CompletableFuture<Void> done;
    synchronized (this) {
      if (stopped != null) {
        done = stopped;
        if (stoppingThread == Thread.currentThread()) {
          return; // called from a component's withdraw() or stop()
        }
      } else {
        stopped = new CompletableFuture<>();
        stoppingThread = Thread.currentThread();
        done = null;
      }
    }
    if (done != null) {
      done.join();
      return;
    }
    try {
      stop();
    } catch (RuntimeException | LinkageError e) {
      log.error("Stopping {} failed", info.name(), e);
    } finally {
      synchronized (this) {
        stopped.complete(null);
      }
    }
  }

  private void stop() {
    state.set(State.STOPPING);
    log.info("Stopping {} ({}), drain {}", info.name(), info.instanceId(), settings.drain());
    Components current = components;
    current.withdrawAll(null);
    if (!settings.drain().isZero()) {
      try {
        Thread.sleep(settings.drain().toMillis(), settings.drain().toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Drain period interrupted; stopping components now");
      }
    }
    current.stopAll(null);
    releaseResources();
    state.set(State.STOPPED);
    removeShutdownHook();
    log.info("Stopped {} ({})", info.name(), info.instanceId());
    withdrawLayer();
  }

  private void withdrawLayer() {
    ProcessConfig.Layer l = layer;
    if (l != null) {
      l.close();
    }
  }

  private void releaseResources() {
    ManagementServer s = server;
    if (s != null) {
      s.stop();
    }
    health.close();
    CoreMeters m = meters;
    if (m != null) {
      m.close();
    }
    metrics.close();
  }

  State state() {
    return state.get();
  }

  synchronized Optional<Thread> shutdownHook() {
    return Optional.ofNullable(shutdownHook);
  }

  private synchronized void removeShutdownHook() {
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already; the hook finds the runtime stopped
      }
    }
  }

  private void start(
      List<ComponentProvider> providers,
      List<ServiceComponent> explicit,
      List<HttpServerComponent> httpServers,
      Map<HealthCheck.Kind, Map<String, HealthCheck>> checks,
      List<MeterSource> meterSources) {
    checks.forEach(
        (kind, byName) -> byName.forEach((name, check) -> health.add(name, kind, check)));
    layer =
        ProcessConfig.publish(
            ServiceIdentity.of(info.name(), info.version(), info.environment(), info.instanceId()),
            config.overrides());
    try {
      server =
          ManagementServer.start(
              settings.managementAddress(),
              settings.managementPort(),
              info.address(),
              new EndpointSource());
      ComponentContext context = new Context();
      List<ServiceComponent> all = new ArrayList<>();
      for (ComponentProvider provider : providers) {
        create(provider, context).ifPresent(all::add);
      }
      all.addAll(explicit);
      for (HttpServerComponent http : httpServers) {
        http.attach(this);
        all.add(http);
      }
      Components ordered = new Components(all);
      meters =
          new CoreMeters(
              meterRegistry,
              info,
              startNanos,
              () -> state.get() == State.RUNNING && health.lastReadinessUp(),
              () -> components.started().size());
      meters.bind(meterSources);
      health.onEntry(meters::healthCheck);
      components = ordered;
      ordered.startAll();
    } catch (RuntimeException | Error e) {
      state.set(State.STOPPED);
      releaseResources();
      withdrawLayer();
      throw e;
    }
    if (settings.shutdownHook()) {
      addShutdownHook();
    }
    if (!state.compareAndSet(State.STARTING, State.RUNNING)) {
      return; // the shutdown hook already began to stop the runtime
    }
    log.info(
        "Started {} {} ({}) at {}:{} in {}; management {}; components {}",
        info.name(),
        info.version(),
        info.instanceId(),
        info.address(),
        info.port(),
        info.environment(),
        server.uri(),
        components.names());
    TraceResourceCheck.warning(info, config, TraceResourceCheck.openTelemetryPresent())
        .ifPresent(log::warn);
  }

  private static Optional<ServiceComponent> create(
      ComponentProvider provider, ComponentContext context) {
    Optional<ServiceComponent> created;
    try {
      created = provider.create(context);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Component provider " + provider.getClass().getName() + " failed: " + e, e);
    }
    if (created == null) {
      throw new IllegalStateException(
          "Component provider " + provider.getClass().getName() + " returned null");
    }
    return created;
  }

  private synchronized void addShutdownHook() {
    Thread hook = new Thread(this::close, "servicekit-shutdown-" + info.name());
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
    } catch (IllegalStateException e) {
      log.warn("JVM is already shutting down; no shutdown hook for {}", info.name());
    }
  }

  private final class EndpointSource implements ManagementServer.Source {
    @Override
    public HealthChecks.Report liveness() {
      return health.evaluate(HealthCheck.Kind.LIVENESS);
    }

    @Override
    public HealthChecks.Report readiness() {
      return health.evaluate(HealthCheck.Kind.READINESS);
    }

    @Override
    public String state() {
      return state.get().name();
    }

    @Override
    public ServiceInfo info() {
      return info;
    }

    @Override
    public MetricsEndpoint metrics() {
      return metrics;
    }
  }

  private final class Context implements ComponentContext {
    @Override
    public ServiceInfo serviceInfo() {
      return info;
    }

    @Override
    public ServiceConfig config() {
      return config;
    }

    @Override
    public MeterRegistry meterRegistry() {
      return meterRegistry;
    }

    @Override
    public URI managementUri() {
      return server.uri();
    }

    @Override
    public void addHealthCheck(String name, HealthCheck.Kind kind, HealthCheck check) {
      health.add(name, kind, check);
    }
  }

  /**
   * Configures and starts a {@link ServiceRuntime}. Every setter rejects null (and out-of-range
   * values) at once; values set here win over system properties and environment variables. Not
   * thread-safe.
   */
  public static final class Builder {

    private @Nullable ServiceConfig base;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> tags = new ArrayList<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final Map<HealthCheck.Kind, Map<String, HealthCheck>> checks = new LinkedHashMap<>();
    private final List<ServiceComponent> components = new ArrayList<>();
    private final List<HttpServerComponent> httpServers = new ArrayList<>();
    private MeterRegistry meterRegistry = Metrics.globalRegistry;
    private @Nullable ClassLoader classLoader;

    private Builder() {
      checks.put(HealthCheck.Kind.LIVENESS, new LinkedHashMap<>());
      checks.put(HealthCheck.Kind.READINESS, new LinkedHashMap<>());
    }

    /**
     * The logical service name, for example {@code orders} ({@code servicekit.service.name}).
     *
     * @param name non-blank; lower case with dashes is what registries expect
     * @return this builder
     */
    public Builder serviceName(String name) {
      requireText(name, "serviceName");
      return config(IdentityResolver.NAME, name);
    }

    /**
     * The service's version ({@code servicekit.service.version}).
     *
     * @param version non-blank, for example {@code 1.4.2}
     * @return this builder
     */
    public Builder version(String version) {
      return config(IdentityResolver.VERSION, requireText(version, "version"));
    }

    /**
     * The deployment environment, for example {@code prod}.
     *
     * @param environment non-blank
     * @return this builder
     */
    public Builder environment(String environment) {
      return config(IdentityResolver.ENVIRONMENT, requireText(environment, "environment"));
    }

    /**
     * A fixed instance id instead of the generated {@code name-host-random}.
     *
     * @param instanceId non-blank and unique among the instances of this service
     * @return this builder
     */
    public Builder instanceId(String instanceId) {
      return config(IdentityResolver.INSTANCE_ID, requireText(instanceId, "instanceId"));
    }

    /**
     * The advertised address (IP literal or host name) instead of the detected one.
     *
     * @param address an IP literal or host name that other services can reach
     * @return this builder
     */
    public Builder address(String address) {
      requireText(address, "address");
      AdvertisedAddress.validated(address, AdvertisedAddress.KEY, "builder");
      return config(AdvertisedAddress.KEY, address);
    }

    /**
     * The port the service itself listens on (0 when it has none).
     *
     * @param port from 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      return config(IdentityResolver.PORT, Integer.toString(checkPort(port, "port")));
    }

    /**
     * Adds a registry tag.
     *
     * @param tag non-blank; added after the tags given before
     * @return this builder
     */
    public Builder tag(String tag) {
      tags.add(requireText(tag, "tag"));
      return this;
    }

    /**
     * Adds registry tags.
     *
     * @param tags non-blank tags, added in order
     * @return this builder
     */
    public Builder tags(String... tags) {
      Objects.requireNonNull(tags, "tags");
      for (String t : tags) {
        tag(t);
      }
      return this;
    }

    /**
     * Adds registry tags.
     *
     * @param tags non-blank tags, added in iteration order
     * @return this builder
     */
    public Builder tags(Collection<String> tags) {
      Objects.requireNonNull(tags, "tags");
      tags.forEach(this::tag);
      return this;
    }

    /**
     * Adds one registry metadata entry; a later value for the same key wins.
     *
     * @param key non-blank
     * @param value any text, empty included
     * @return this builder
     */
    public Builder meta(String key, String value) {
      meta.put(requireText(key, "meta key"), Objects.requireNonNull(value, "meta value"));
      return this;
    }

    /**
     * Adds registry metadata entries.
     *
     * @param entries keys and values as for {@link #meta(String, String)}
     * @return this builder
     */
    public Builder meta(Map<String, String> entries) {
      Objects.requireNonNull(entries, "meta");
      entries.forEach(this::meta);
      return this;
    }

    /**
     * Sets any configuration key, winning over system properties and the environment, for example
     * {@code config("servicekit.shutdown.drain", "10s")}. Components see it too.
     *
     * @param key a dotted key such as {@code servicekit.management.port}
     * @param value the value as text; checked at {@link #start()}, not here
     * @return this builder
     */
    public Builder config(String key, String value) {
      overrides.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Reads configuration from {@code config} instead of the system properties and environment
     * (values set on this builder still win). Tests use {@link ServiceConfig#of} here.
     *
     * @param config the configuration to read instead of the process's own
     * @return this builder
     */
    public Builder config(ServiceConfig config) {
      this.base = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Adds a readiness check, shown on {@code /health/ready}.
     *
     * @param name unique among readiness checks
     * @param check called on the runtime's health threads, at most once at a time; it may block up
     *     to the health check timeout
     * @return this builder
     */
    public Builder healthCheck(String name, HealthCheck check) {
      return check(HealthCheck.Kind.READINESS, name, check);
    }

    /**
     * Adds a liveness check, shown on {@code /health/live}.
     *
     * @param name unique among liveness checks
     * @param check called on the runtime's health threads; keep it cheap, a failing liveness check
     *     asks for a restart
     * @return this builder
     */
    public Builder livenessCheck(String name, HealthCheck check) {
      return check(HealthCheck.Kind.LIVENESS, name, check);
    }

    private Builder check(HealthCheck.Kind kind, String name, HealthCheck check) {
      requireText(name, "name");
      Objects.requireNonNull(check, "check");
      if (checks.get(kind).putIfAbsent(name, check) != null) {
        throw new IllegalArgumentException("duplicate health check: " + name);
      }
      return this;
    }

    /**
     * Adds a component; builder components start after discovered ones, in the order added.
     *
     * @param component started at {@link #start()} and stopped by {@link ServiceRuntime#close()}
     * @return this builder
     */
    public Builder component(ServiceComponent component) {
      components.add(Objects.requireNonNull(component, "component"));
      return this;
    }

    /**
     * Hands the service's own HTTP server to the runtime, which starts it after every other
     * component and, on {@link ServiceRuntime#close()}, stops it after withdraw (deregistration)
     * and the drain period, before the other components stop. Install the handlers before {@code
     * start()}: a caller that sees {@code /health/live} answer never gets a 404 from a handler not
     * installed yet.
     *
     * <p>The server must be bound and not started. The runtime owns it from here: it is stopped
     * (waiting up to one second for exchanges in flight), and an {@link
     * java.util.concurrent.ExecutorService} set as its executor is shut down after it; when {@code
     * start()} fails, the server is stopped and its port freed. Unless {@link #port(int)} is given,
     * the service's port is the server's bound port. Give several servers to run several; they
     * start in the order given.
     *
     * @param server bound, not started, with its handlers installed
     * @return this builder
     * @throws IllegalArgumentException when the server is not bound or was given already
     */
    public Builder httpServer(HttpServer server) {
      return httpServer(server, runtime -> {});
    }

    /**
     * Like {@link #httpServer(HttpServer)}, for handlers that need what only a started runtime has:
     * {@code handlers} runs after every other component has started and before the server starts,
     * with {@link ServiceRuntime#component} and {@link ServiceRuntime#info} ready to use. What it
     * throws fails {@code start()}.
     *
     * <pre>{@code
     * .httpServer(server, runtime -> server.createContext("/orders",
     *     new OrdersHandler(runtime.component(ServiceDiscovery.class))))
     * }</pre>
     *
     * @param server bound and not started
     * @param handlers installs the handlers once the other components are up
     * @return this builder
     * @throws IllegalArgumentException when the server is not bound or was given already
     */
    public Builder httpServer(HttpServer server, Consumer<ServiceRuntime> handlers) {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(handlers, "handlers");
      if (server.getAddress() == null) {
        throw new IllegalArgumentException(
            "the HTTP server must be bound before it is handed over");
      }
      for (HttpServerComponent given : httpServers) {
        if (given.server() == server) {
          throw new IllegalArgumentException("this HTTP server was given already");
        }
      }
      httpServers.add(new HttpServerComponent(server, handlers));
      return this;
    }

    /**
     * Where meters go; the default is Micrometer's global composite registry. With {@code
     * micrometer-registry-prometheus} on the class path, {@code /metrics} scrapes a {@code
     * PrometheusMeterRegistry} given here (or held by a composite given here); otherwise the
     * runtime creates one with the JVM binders and adds it to the composite, or puts it beside any
     * other registry given here in a new composite that components then see.
     *
     * @param registry the registry, or a composite holding the ones to use
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /**
     * Port of the management endpoint; 0 picks any free port.
     *
     * @param port from 0 to 65535
     * @return this builder
     */
    public Builder managementPort(int port) {
      return config(
          RuntimeSettings.MANAGEMENT_PORT, Integer.toString(checkPort(port, "managementPort")));
    }

    /**
     * Bind address (IP literal) of the management endpoint, for example {@code 127.0.0.1}.
     *
     * @param address an IPv4 or IPv6 literal; host names are rejected
     * @return this builder
     */
    public Builder managementBindAddress(String address) {
      requireText(address, "managementBindAddress");
      if (IpLiterals.parse(address).isEmpty()) {
        throw new IllegalArgumentException("not an IP address literal: " + address);
      }
      return config(RuntimeSettings.MANAGEMENT_ADDRESS, address);
    }

    /**
     * How long to wait between withdrawing and stopping components.
     *
     * @param drain zero or more; zero stops components right after they withdraw
     * @return this builder
     */
    public Builder drainPeriod(Duration drain) {
      return config(RuntimeSettings.DRAIN, nonNegative(drain, "drainPeriod").toString());
    }

    /**
     * How long a health check may take before it counts as down; positive.
     *
     * @param timeout more than zero
     * @return this builder
     */
    public Builder healthCheckTimeout(Duration timeout) {
      nonNegative(timeout, "healthCheckTimeout");
      if (timeout.isZero()) {
        throw new IllegalArgumentException("healthCheckTimeout must be positive");
      }
      return config(RuntimeSettings.HEALTH_TIMEOUT, timeout.toString());
    }

    /**
     * Whether to close the runtime from a JVM shutdown hook; on by default.
     *
     * @param enabled false when the application closes the runtime itself
     * @return this builder
     */
    public Builder shutdownHook(boolean enabled) {
      return config(RuntimeSettings.SHUTDOWN_HOOK, Boolean.toString(enabled));
    }

    /**
     * Whether to load components, modules' settings checks and meter sources through {@link
     * ServiceLoader}; on by default.
     *
     * @param enabled false to start only the components given to this builder
     * @return this builder
     */
    public Builder discoverComponents(boolean enabled) {
      return config(RuntimeSettings.DISCOVERY, Boolean.toString(enabled));
    }

    /**
     * The class loader for {@link ServiceLoader}; default: the thread's context class loader.
     *
     * @param loader the loader whose {@code META-INF/services} are read
     * @return this builder
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "classLoader");
      return this;
    }

    /**
     * Resolves configuration and identity, binds the management endpoint, creates and starts the
     * components, and turns ready.
     *
     * @return the running runtime; close it to stop gracefully
     * @throws ConfigException when a value cannot be used; nothing has been bound then (but for the
     *     HTTP servers given, which are stopped)
     * @throws IllegalStateException when a component fails to start; the ones started before it
     *     have been stopped, the endpoint unbound and the HTTP servers stopped
     * @throws java.io.UncheckedIOException when the management endpoint cannot bind
     */
    public ServiceRuntime start() {
      List<HttpServerComponent> servers = List.copyOf(httpServers);
      try {
        return start(servers);
      } catch (RuntimeException | Error e) {
        servers.forEach(HttpServerComponent::release);
        throw e;
      }
    }

    private ServiceRuntime start(List<HttpServerComponent> servers) {
      Map<String, String> values = new LinkedHashMap<>(overrides);
      if (!servers.isEmpty() && !values.containsKey(IdentityResolver.PORT)) {
        values.put(
            IdentityResolver.PORT,
            Integer.toString(servers.get(0).server().getAddress().getPort()));
      }
      ServiceConfig config =
          (base == null ? ServiceConfig.fromEnvironment() : base).withOverrides(values);
      RuntimeSettings settings = RuntimeSettings.from(config);
      ServiceInfo info = IdentityResolver.resolve(config, tags, meta);
      ClassLoader loader = loader();
      List<MeterSource> meterSources = new ArrayList<>();
      List<ComponentProvider> providers = List.of();
      if (settings.discovery()) {
        for (SettingsCheck check : ServiceLoader.load(SettingsCheck.class, loader)) {
          check.check(config);
        }
        providers = providers(loader);
        ServiceLoader.load(MeterSource.class, loader).forEach(meterSources::add);
      }
      for (ComponentProvider provider : providers) {
        provider.validate(config);
      }
      Map<HealthCheck.Kind, Map<String, HealthCheck>> checksCopy = new LinkedHashMap<>();
      checks.forEach((k, v) -> checksCopy.put(k, new LinkedHashMap<>(v)));
      ServiceRuntime runtime =
          new ServiceRuntime(info, config, settings, MetricsEndpoint.create(meterRegistry));
      runtime.start(providers, List.copyOf(components), servers, checksCopy, meterSources);
      return runtime;
    }

    private ClassLoader loader() {
      ClassLoader loader = classLoader;
      if (loader == null) {
        loader = Thread.currentThread().getContextClassLoader();
      }
      if (loader == null) {
        loader = ServiceRuntime.class.getClassLoader();
      }
      return loader;
    }

    private static List<ComponentProvider> providers(ClassLoader loader) {
      List<ComponentProvider> found = new ArrayList<>();
      ServiceLoader.load(ComponentProvider.class, loader).forEach(found::add);
      found.sort(
          Comparator.comparingInt(ComponentProvider::order)
              .thenComparing(p -> p.getClass().getName()));
      return found;
    }

    private static String requireText(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }

    private static int checkPort(int port, String what) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(what + " must be 0-65535, was " + port);
      }
      return port;
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
