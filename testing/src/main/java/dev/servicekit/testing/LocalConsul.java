package dev.servicekit.testing;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.testing.internal.Agent;
import dev.servicekit.testing.internal.AgentConfig;
import dev.servicekit.testing.internal.AgentState;
import dev.servicekit.testing.internal.CheckEntry;
import dev.servicekit.testing.internal.ConsulHttpHandler;
import dev.servicekit.testing.internal.Faults;
import dev.servicekit.testing.internal.ServiceEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An in-process agent that speaks the part of Consul's HTTP API servicekit uses, for tests and
 * local development. <strong>Not a registry to run in production</strong>: it keeps everything in
 * memory, has one node and no cluster, and runs only HTTP, TCP and TTL checks.
 *
 * <pre>{@code
 * try (LocalConsul consul = LocalConsul.builder().aclToken("secret").start()) {
 *   String addr = consul.httpAddress();          // "127.0.0.1:PORT", for CONSUL_HTTP_ADDR
 *   ...
 *   consul.restart();                            // registrations are gone, as after a wiped agent
 *   consul.unreachableFor(Duration.ofSeconds(2)); // connections refused, state kept
 * }
 * }</pre>
 *
 * <p>Fault controls: {@link #stop()}, {@link #restart()}, {@link #restartWithFreshIndex()}, {@link
 * #goUnreachable()}/{@link #becomeReachable()}, {@link #injectLatency(Duration)}, {@link
 * #failNextRequests(int, int, String)}, {@link #failRequestsMatching(String, int, String)}. All
 * methods are thread-safe. The port stays the same across stops, restarts and unreachable periods.
 */
public final class LocalConsul implements AutoCloseable {
  /** The raft index of a freshly started agent. */
  static final long BOOT_INDEX = 10;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final AgentConfig config;
  private final Faults faults = new Faults();

  /** At most this many requests are remembered; older ones are dropped first. */
  static final int MAX_RECORDED_REQUESTS = 100_000;

  private final Deque<RecordedRequest> requests = new ArrayDeque<>();
  private final ExecutorService executor;
  private final ConsulHttpHandler handler;
  private final Object lifecycle = new Object();
  private volatile Agent agent;
  private HttpServer server;
  private int port;
  private long lastIndex = BOOT_INDEX;
  private AgentState.Persisted persisted = AgentState.Persisted.NONE;
  private boolean closed;

  private LocalConsul(Builder b) {
    this.config =
        new AgentConfig(
            b.datacenter,
            b.nodeName,
            UUID.randomUUID().toString(),
            b.aclToken,
            b.minimumCheckInterval,
            b.minimumDeregisterInterval,
            b.reapInterval);
    this.port = b.port;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-consul-http-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.handler = new ConsulHttpHandler(() -> agent, faults, this::record);
  }

  private void record(RecordedRequest request) {
    synchronized (requests) {
      if (requests.size() >= MAX_RECORDED_REQUESTS) {
        requests.removeFirst();
      }
      requests.addLast(request);
    }
  }

  /**
   * Starts building an agent.
   *
   * @return a builder with Consul's defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts an agent with the defaults: 127.0.0.1, a free port, no ACLs.
   *
   * @return the running agent
   */
  public static LocalConsul start() {
    return builder().start();
  }

  private void startAgent(long bootIndex, boolean rebind) {
    startAgent(bootIndex, rebind, AgentState.Persisted.NONE);
  }

  private void startAgent(long bootIndex, boolean rebind, AgentState.Persisted restored) {
    Agent a = new Agent(config, bootIndex);
    a.state().restore(restored);
    agent = a;
    listen(rebind);
  }

  /**
   * Binds the listener. On a rebind (same port after a stop), waits up to 10 seconds for the port
   * to become free; the first bind fails at once.
   */
  private void listen(boolean rebind) {
    if (server != null) {
      return;
    }
    long deadline = System.nanoTime() + (rebind ? Duration.ofSeconds(10).toNanos() : 0);
    while (true) {
      try {
        HttpServer s =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        s.setExecutor(executor);
        s.createContext("/", handler);
        s.start();
        server = s;
        port = s.getAddress().getPort();
        return;
      } catch (BindException e) {
        if (port == 0 || System.nanoTime() >= deadline) {
          throw new UncheckedIOException("LocalConsul cannot bind 127.0.0.1:" + port, e);
        }
        sleepQuietly(50);
      } catch (IOException e) {
        throw new UncheckedIOException("LocalConsul cannot bind 127.0.0.1:" + port, e);
      }
    }
  }

  private void unlisten() {
    if (server == null) {
      return;
    }
    server.stop(0);
    server = null;
    Agent a = agent;
    if (a != null) {
      a.state().abortWaiters();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The base URI, e.g. {@code http://127.0.0.1:41234}.
   *
   * @return the URI (valid also while stopped: the port is kept)
   */
  public URI uri() {
    return URI.create("http://" + httpAddress());
  }

  /**
   * The address in {@code CONSUL_HTTP_ADDR} form.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  public String httpAddress() {
    return "127.0.0.1:" + port();
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    synchronized (lifecycle) {
      return port;
    }
  }

  /**
   * The datacenter name.
   *
   * @return e.g. {@code dc1}
   */
  public String datacenter() {
    return config.datacenter();
  }

  /**
   * The node name.
   *
   * @return the node name
   */
  public String nodeName() {
    return config.nodeName();
  }

  /**
   * Whether the agent is running (it may still be unreachable).
   *
   * @return true between start and stop
   */
  public boolean isRunning() {
    return agent != null;
  }

  /**
   * Whether the agent accepts connections.
   *
   * @return true when listening
   */
  public boolean isReachable() {
    synchronized (lifecycle) {
      return server != null;
    }
  }

  /**
   * Stops the agent like a killed process: connections are refused, blocking queries are cut,
   * checks stop, and everything registered is forgotten. {@link #restart()} brings it back on the
   * same port.
   */
  public void stop() {
    synchronized (lifecycle) {
      unlisten();
      Agent a = agent;
      if (a != null) {
        lastIndex = a.state().index();
        persisted = a.state().persisted();
        agent = null;
        a.close();
      }
    }
  }

  /**
   * Restarts the agent with a wiped data directory, on the same port: every service and check is
   * gone and has to be registered again. The index keeps moving forward, as for a client agent that
   * rejoins a cluster whose servers keep the raft log (the catalog sees the agent's services
   * removed).
   */
  public void restart() {
    synchronized (lifecycle) {
      checkOpen();
      stop();
      startAgent(lastIndex + 1, true);
    }
  }

  /**
   * Restarts with a wiped data directory (or as a {@code -dev} agent): the same as {@link
   * #restart()}, named for contrast with {@link #restartPersistent()}.
   */
  public void restartWiped() {
    restart();
  }

  /**
   * Restarts as an agent with a data directory, on the same port: the services and checks
   * registered through the API come back, as Consul reloads them from its data directory. Every
   * check starts {@code critical} again (Consul does not put a possibly unhealthy service back in
   * the pool), except TTL checks whose last API update is younger than their TTL: they keep that
   * status and output. HTTP and TCP checks run again. The index moves forward.
   */
  public void restartPersistent() {
    synchronized (lifecycle) {
      checkOpen();
      stop();
      startAgent(lastIndex + 1, true, persisted);
    }
  }

  /**
   * Makes the agent's servers go away (no cluster leader): {@code /v1/agent/...} still answers from
   * the agent's local state (registrations, TTL updates and checks go on), while {@code
   * /v1/catalog/...} and {@code /v1/health/...} answer 500 {@code No cluster leader} and {@code
   * /v1/status/leader} answers {@code ""}. Survives restarts until {@link #regainLeader()}.
   */
  public void loseLeader() {
    faults.leaderless(true);
  }

  /** Ends {@link #loseLeader()}: the catalog shows the agent's local state again. */
  public void regainLeader() {
    faults.leaderless(false);
  }

  /**
   * Restarts like {@link #restart()}, but as a single-server cluster whose data was wiped: the
   * index starts again from a small number, so clients see it go backwards (Consul's documentation
   * asks clients to reset their index when that happens).
   */
  public void restartWithFreshIndex() {
    synchronized (lifecycle) {
      checkOpen();
      stop();
      startAgent(BOOT_INDEX, true);
    }
  }

  /**
   * Closes the listener while the agent keeps running (a network partition): new connections are
   * refused, open ones and blocking queries are cut, checks, TTLs and the reaper carry on, and
   * registrations are kept.
   */
  public void goUnreachable() {
    synchronized (lifecycle) {
      unlisten();
    }
  }

  /** Listens again on the same port after {@link #goUnreachable()}; no-op when stopped. */
  public void becomeReachable() {
    synchronized (lifecycle) {
      checkOpen();
      if (agent != null) {
        listen(true);
      }
    }
  }

  /**
   * Makes the agent unreachable now and reachable again after a while, in the background.
   *
   * @param period how long connections are refused
   */
  public void unreachableFor(Duration period) {
    requirePositive(period, "period");
    goUnreachable();
    Thread t =
        new Thread(
            () -> {
              sleepQuietly(period.toMillis());
              synchronized (lifecycle) {
                if (!closed) {
                  becomeReachable();
                }
              }
            },
            "local-consul-reachable-again");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Delays every answer (before faults and routing).
   *
   * @param delay the delay; zero removes it
   */
  public void injectLatency(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    faults.latency(delay);
  }

  /**
   * Answers the next requests with an error, whatever their path.
   *
   * @param count how many requests fail
   * @param status the HTTP status (e.g. 500)
   * @param body the plain-text body (Consul sends e.g. {@code No cluster leader})
   */
  public void failNextRequests(int count, int status, String body) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    faults.failNext(count, status, Objects.requireNonNull(body, "body"));
  }

  /**
   * Answers the next requests with Consul's 500 {@code No cluster leader}.
   *
   * @param count how many requests fail
   */
  public void failNextRequests(int count) {
    failNextRequests(count, 500, "No cluster leader");
  }

  /**
   * Answers every request whose path matches with an error, until {@link #clearFaults()}.
   *
   * @param pathRegex a regular expression the whole path must match, e.g. {@code
   *     /v1/health/service/.*}
   * @param status the HTTP status
   * @param body the plain-text body
   */
  public void failRequestsMatching(String pathRegex, int status, String body) {
    faults.failMatching(
        Pattern.compile(Objects.requireNonNull(pathRegex, "pathRegex")),
        status,
        Objects.requireNonNull(body, "body"));
  }

  /** Removes injected latency and errors. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * The services registered with the agent, by ID.
   *
   * @return a snapshot in registration order; empty while stopped
   */
  public Map<String, RegisteredService> services() {
    Agent a = agent;
    Map<String, RegisteredService> out = new LinkedHashMap<>();
    if (a != null) {
      for (ServiceEntry e : a.state().localServices().values()) {
        var d = e.definition();
        out.put(
            d.id(),
            new RegisteredService(d.id(), d.name(), d.tags(), d.address(), d.port(), d.meta()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The checks registered with the agent and their current results, by check ID.
   *
   * @return a snapshot in registration order; empty while stopped
   */
  public Map<String, RegisteredCheck> checks() {
    Agent a = agent;
    if (a == null) {
      return Map.of();
    }
    return a.state()
        .read(
            () -> {
              Map<String, RegisteredCheck> out = new LinkedHashMap<>();
              for (CheckEntry c : a.state().localChecks().values()) {
                out.put(
                    c.checkId(),
                    new RegisteredCheck(
                        c.checkId(),
                        c.name(),
                        c.serviceId(),
                        c.definition().type(),
                        c.status(),
                        c.output()));
              }
              return Collections.unmodifiableMap(out);
            });
  }

  /**
   * Makes the agent forget one service and its checks without any request, as when the catalog
   * loses a registration behind the service's back. Moves the index like a deregistration.
   *
   * @param serviceId the service ID
   * @return false when no such service was registered (or the agent is stopped)
   */
  public boolean forgetService(String serviceId) {
    Objects.requireNonNull(serviceId, "serviceId");
    Agent a = agent;
    return a != null && a.state().deregister(serviceId);
  }

  /**
   * The current status of one check.
   *
   * @param checkId the check ID, e.g. {@code service:orders-1}
   * @return {@code passing}, {@code warning} or {@code critical}; empty when unknown
   */
  public Optional<String> checkStatus(String checkId) {
    return Optional.ofNullable(checks().get(checkId)).map(RegisteredCheck::status);
  }

  /**
   * The requests received so far (tokens in query strings redacted; at most the last 100,000).
   *
   * @return a snapshot in arrival order
   */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return Collections.unmodifiableList(new ArrayList<>(requests));
    }
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /**
   * The current raft-like index (what a blocking query sees move).
   *
   * @return the index; the last one while stopped
   */
  public long index() {
    Agent a = agent;
    if (a != null) {
      return a.state().index();
    }
    synchronized (lifecycle) {
      return lastIndex;
    }
  }

  /** Stops the agent and releases its threads. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      stop();
      closed = true;
    }
    executor.shutdownNow();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("LocalConsul is closed");
    }
  }

  private static Duration requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "LocalConsul[" + httpAddress() + (isRunning() ? "" : ", stopped") + "]";
  }

  /**
   * Runs an agent as a standalone process for local development and demos.
   *
   * <p>Options: {@code --port N} (default 8500), {@code --token T} (turns ACLs on), {@code
   * --datacenter DC}, {@code --node NAME}. Prints its address and runs until killed.
   *
   * @param args the options
   * @throws InterruptedException when interrupted while running
   */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    Builder b = builder().port(8500);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(
            "usage: LocalConsul [--port 8500] [--token TOKEN] [--datacenter dc1] [--node NAME]");
        out.println(
            "A Consul-compatible agent for tests and local development; not for production.");
        return;
      }
      if (i + 1 >= args.length) {
        System.err.println("missing value for " + arg);
        System.exit(2);
      }
      String value = args[++i];
      switch (arg) {
        case "--port":
          b.port(Integer.parseInt(value));
          break;
        case "--token":
          b.aclToken(value);
          break;
        case "--datacenter":
          b.datacenter(value);
          break;
        case "--node":
          b.nodeName(value);
          break;
        default:
          System.err.println("unknown option " + arg + " (try --help)");
          System.exit(2);
      }
    }
    LocalConsul consul = b.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  consul.close();
                  stopped.countDown();
                },
                "local-consul-shutdown"));
    out.println("LocalConsul listening on " + consul.uri());
    out.println("export CONSUL_HTTP_ADDR=" + consul.httpAddress());
    out.println(
        "A test and local-development tool: in memory, one node, not a production registry.");
    out.flush();
    stopped.await();
  }

  /** Configures a {@link LocalConsul}; every setting has Consul's default. */
  public static final class Builder {
    private int port;
    private String aclToken = "";
    private String datacenter = "dc1";
    private String nodeName = "localconsul";
    private Duration minimumCheckInterval = Duration.ofSeconds(1);
    private Duration minimumDeregisterInterval = Duration.ofMinutes(1);
    private Duration reapInterval = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * The port on 127.0.0.1.
     *
     * @param port 0 (the default) for a free port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Turns ACLs on with this management token. Requests without a token act as Consul's anonymous
     * token under a deny policy: writes get 403 {@code Permission denied: ...}, reads of lists are
     * filtered to nothing. An unknown token gets 403 {@code ACL not found}.
     *
     * @param token the token; empty turns ACLs off (the default)
     * @return this builder
     */
    public Builder aclToken(String token) {
      this.aclToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * The datacenter name.
     *
     * @param datacenter default {@code dc1}
     * @return this builder
     */
    public Builder datacenter(String datacenter) {
      this.datacenter = requireText(datacenter, "datacenter");
      return this;
    }

    /**
     * The node name.
     *
     * @param nodeName default {@code localconsul}
     * @return this builder
     */
    public Builder nodeName(String nodeName) {
      this.nodeName = requireText(nodeName, "nodeName");
      return this;
    }

    /**
     * The lower bound Consul puts on check intervals. Test-only knob.
     *
     * @param interval default 1s, as in Consul
     * @return this builder
     */
    public Builder minimumCheckInterval(Duration interval) {
      this.minimumCheckInterval = requirePositive(interval, "minimumCheckInterval");
      return this;
    }

    /**
     * The lower bound Consul puts on {@code DeregisterCriticalServiceAfter}. Test-only knob so that
     * the reaper can be seen at work in seconds.
     *
     * @param interval default 1m, as in Consul
     * @return this builder
     */
    public Builder minimumDeregisterInterval(Duration interval) {
      this.minimumDeregisterInterval = requirePositive(interval, "minimumDeregisterInterval");
      return this;
    }

    /**
     * How often the reaper looks for services to deregister. Test-only knob.
     *
     * @param interval default 30s, as in Consul
     * @return this builder
     */
    public Builder reapInterval(Duration interval) {
      this.reapInterval = requirePositive(interval, "reapInterval");
      return this;
    }

    /**
     * Starts the agent and binds its listener.
     *
     * @return the running agent
     * @throws UncheckedIOException when the port cannot be bound
     */
    public LocalConsul start() {
      LocalConsul consul = new LocalConsul(this);
      try {
        synchronized (consul.lifecycle) {
          consul.startAgent(BOOT_INDEX, false);
        }
      } catch (RuntimeException e) {
        consul.close();
        throw e;
      }
      return consul;
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
