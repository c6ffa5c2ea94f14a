package dev.servicekit.examples.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.examples.infra.DemoBroker;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The demo system as processes: the agent ({@link DrillConsul}), a persistent {@link DemoBroker},
 * orders, inventory-1, inventory-2 and shipping, each a small JVM configured only through the
 * environment with the shortened intervals of {@link #serviceEnvironment}. The agent and the broker
 * keep their ports across restarts, the broker its data directory. Every process is started through
 * one {@link ProcessGroup}, so all of them stop with it.
 */
final class DemoSystem implements AutoCloseable {

  /** The instances the drills expect registered, by instance ID. */
  static final List<String> INSTANCES =
      List.of("inventory-1", "inventory-2", "orders-1", "shipping-1");

  /** Orders placed in a row before the system counts as warm. */
  static final int WARM_UP = 20;

  /** Small, fast-starting JVMs, as in demo.sh: six of them share the machine. */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx160m");

  /** The agent's HTTP check interval of every service. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  /** {@code DeregisterCriticalServiceAfter} of every service. */
  static final Duration DEREGISTER_AFTER = Duration.ofSeconds(3);

  /** The cap of the registration and watch retry backoff. */
  static final Duration BACKOFF_MAX = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DrillOptions options;
  private final ProcessGroup group;
  private final Path logs;
  private final Path brokerData;
  private final int agentPort;
  private final int brokerPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, Process> services = new LinkedHashMap<>();
  private final Map<String, List<Path>> logFiles = new LinkedHashMap<>();
  private final Map<String, Integer> starts = new HashMap<>();
  private Process agent;
  private Writer agentControl;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private Process broker;
  private URI orders;
  private URI shipping;

  DemoSystem(DrillOptions options, ProcessGroup group) throws IOException {
    this.options = options;
    this.group = group;
    this.logs = options.workDir().resolve("logs");
    this.brokerData = options.workDir().resolve("broker-data");
    Files.createDirectories(logs);
    this.agentPort = freePort();
    this.brokerPort = freePort();
  }

  /** Starts everything and waits until every instance is registered and passing. */
  void start() throws IOException, InterruptedException {
    startAgent();
    startBroker();
    startService("inventory", "inventory-1");
    startService("inventory", "inventory-2");
    startService("orders", "orders-1");
    startService("shipping", "shipping-1");
    if (!await(options.startupTimeout(), () -> allPassing(INSTANCES))) {
      throw new IllegalStateException(
          "the demo system did not turn healthy within "
              + options.startupTimeout().toSeconds()
              + " s: logs in "
              + logs
              + " (alive: "
              + group.alive().size()
              + " processes)");
    }
    orders = address("orders-1");
    shipping = address("shipping-1");
    warmUp();
  }

  /**
   * Steady state before any fault: sends orders one at a time until {@value #WARM_UP} in a row are
   * placed, so that the drills measure faults, not the first requests of cold JVMs (class loading,
   * the first discovery look-up, the first broker send).
   */
  private void warmUp() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + options.startupTimeout().toNanos();
    int inARow = 0;
    int sent = 0;
    while (inARow < WARM_UP) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no steady state: " + sent + " warm-up orders, not " + WARM_UP + " placed in a row");
      }
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(orders.resolve("/orders"))
                  .timeout(OrderStream.REQUEST_TIMEOUT)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("X-Correlation-ID", "warm-up-" + sent)
                  .POST(HttpRequest.BodyPublishers.ofString("sku=widget&quantity=1"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      sent++;
      inARow = r.statusCode() == 201 ? inARow + 1 : 0;
    }
  }

  // --- the agent ----------------------------------------------------------------------------

  /** Starts a fresh agent (nothing registered) on the agent port and waits until it answers. */
  void startAgent() throws IOException, InterruptedException {
    Path log = nextLog("consul");
    List<String> command = java("-cp", System.getProperty("java.class.path"));
    command.addAll(List.of(DrillConsul.class.getName(), "--port", Integer.toString(agentPort)));
    Process p = group.startPiped(command, Map.of(), sibling(log, ".stderr"));
    answers.clear();
    Thread reader = new Thread(() -> copyAgentOutput(p, log), "drills-agent-output");
    reader.setDaemon(true);
    reader.start();
    agentControl =
        new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
    agent = p;
    String first = answers.poll(30, TimeUnit.SECONDS);
    if (first == null || !first.startsWith("export ")) {
      throw new IllegalStateException("the agent did not start: see " + sibling(log, ".stderr"));
    }
  }

  private void copyAgentOutput(Process p, Path log) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write(line + "\n");
        out.flush();
        if (line.startsWith("export ")) {
          answers.add(line);
        } else if (line.startsWith(DrillConsul.ANSWER)) {
          answers.add(line.substring(DrillConsul.ANSWER.length()));
        }
      }
    } catch (IOException e) {
      // the agent died: its pipe is closed
    }
  }

  /** SIGKILL to the agent: everything it held is gone. */
  void killAgent() {
    ProcessGroup.kill(agent);
  }

  /** One control command to the agent; its answer. */
  synchronized String control(String command) throws IOException, InterruptedException {
    agentControl.write(command + "\n");
    agentControl.flush();
    String answer = answers.poll(10, TimeUnit.SECONDS);
    if (answer == null || answer.startsWith("error")) {
      throw new IllegalStateException("agent control '" + command + "' answered " + answer);
    }
    return answer;
  }

  /** The agent's HTTP address, {@code 127.0.0.1:PORT}. */
  String agentAddress() {
    return "127.0.0.1:" + agentPort;
  }

  // --- the broker ---------------------------------------------------------------------------

  /** Starts the persistent broker on the broker port and its data directory. */
  void startBroker() throws IOException, InterruptedException {
    Path log = nextLog("broker");
    Path urlFile = options.workDir().resolve("broker.url");
    Files.deleteIfExists(urlFile);
    List<String> command = java("-cp", System.getProperty("java.class.path"));
    command.addAll(
        List.of(
            DemoBroker.class.getName(),
            "--port",
            Integer.toString(brokerPort),
            "--data-dir",
            brokerData.toString(),
            "--url-file",
            urlFile.toString()));
    broker =
        group.start(
            command,
            Map.of(
                "SERVICEKIT_SERVICE_NAME",
                "broker",
                "SERVICEKIT_LOG_LEVELS",
                "org.apache.activemq=warn"),
            log,
            sibling(log, ".stderr"));
    logFiles.computeIfAbsent("broker", k -> new ArrayList<>()).add(log);
    if (!await(Duration.ofSeconds(60), () -> Files.isRegularFile(urlFile) || !broker.isAlive())
        || !broker.isAlive()) {
      throw new IllegalStateException("the broker did not start: see " + sibling(log, ".stderr"));
    }
  }

  /** SIGKILL to the broker. */
  void killBroker() {
    ProcessGroup.kill(broker);
  }

  // --- the services -------------------------------------------------------------------------

  /** Starts one service instance from its runnable jar; its log is a new file. */
  Process startService(String service, String instance) throws IOException {
    Path jar = options.examplesDir().resolve(service).resolve("target").resolve(service + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the examples first (mvn -pl examples/drills -am package)");
    }
    Path log = nextLog(instance);
    Map<String, String> env = serviceEnvironment(service, instance);
    Process p = group.start(java("-jar", jar.toString()), env, log, sibling(log, ".stderr"));
    services.put(instance, p);
    logFiles.computeIfAbsent(instance, k -> new ArrayList<>()).add(log);
    return p;
  }

  /** The environment of a service: the demo's settings with every interval shortened. */
  Map<String, String> serviceEnvironment(String service, String instance) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CONSUL_HTTP_ADDR", agentAddress());
    env.put("SERVICEKIT_EXAMPLES_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
    env.put("SERVICEKIT_SERVICE_NAME", service);
    env.put("SERVICEKIT_SERVICE_INSTANCE_ID", instance);
    env.put("SERVICEKIT_SERVICE_PORT", "0");
    env.put("SERVICEKIT_SERVICE_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_EXAMPLES_HTTP_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_MANAGEMENT_PORT", "0");
    env.put("SERVICEKIT_MANAGEMENT_ADDRESS", "127.0.0.1");
    env.put("SERVICEKIT_SHUTDOWN_DRAIN", "1s");
    env.put("SERVICEKIT_LOG_LEVELS", "org.apache.activemq=warn");
    env.put("SERVICEKIT_EXAMPLES_INVENTORY_STOCK", "widget=1000000");
    env.put("SERVICEKIT_REGISTRY_CHECK_INTERVAL", CHECK_INTERVAL.toMillis() + "ms");
    env.put("SERVICEKIT_REGISTRY_CHECK_TIMEOUT", "1s");
    env.put("SERVICEKIT_REGISTRY_DEREGISTER_CRITICAL_AFTER", DEREGISTER_AFTER.toMillis() + "ms");
    env.put("SERVICEKIT_REGISTRY_BACKOFF_INITIAL", "200ms");
    env.put("SERVICEKIT_REGISTRY_BACKOFF_MAX", BACKOFF_MAX.toMillis() + "ms");
    env.put("SERVICEKIT_REGISTRY_CONNECT_TIMEOUT", "1s");
    env.put("SERVICEKIT_REGISTRY_REQUEST_TIMEOUT", "2s");
    env.put("SERVICEKIT_REGISTRY_WATCH_WAIT", "10s");
    return env;
  }

  /** The running process of an instance. */
  Process service(String instance) {
    Process p = services.get(instance);
    if (p == null) {
      throw new IllegalArgumentException("no instance " + instance);
    }
    return p;
  }

  /** The log files of every process by instance (or {@code broker}), oldest first. */
  Map<String, List<Path>> logFiles() {
    return logFiles;
  }

  /** Where the logs are. */
  Path logDir() {
    return logs;
  }

  URI ordersUri() {
    return orders;
  }

  // --- what the agent says --------------------------------------------------------------------

  /** Check ID to status ({@code passing}, {@code critical}, ...); empty when the agent is down. */
  Map<String, String> checks() {
    Map<String, String> statuses = new HashMap<>();
    JsonNode checks = agentGet("/v1/agent/checks");
    for (Map.Entry<String, JsonNode> e : checks.properties()) {
      statuses.put(e.getKey(), e.getValue().path("Status").asText());
    }
    return statuses;
  }

  /** The IDs of the registered services; empty when the agent is down. */
  List<String> registered() {
    List<String> ids = new ArrayList<>();
    agentGet("/v1/agent/services").fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  /** The status of {@code instance}'s check, or {@code absent}. */
  String checkStatus(String instance) {
    return checks().getOrDefault("service:" + instance, "absent");
  }

  /** Whether every instance in {@code instances} is registered with a passing check. */
  boolean allPassing(List<String> instances) {
    Map<String, String> checks = checks();
    return instances.stream().allMatch(i -> "passing".equals(checks.get("service:" + i)));
  }

  private URI address(String instance) {
    JsonNode s = agentGet("/v1/agent/services").path(instance);
    return URI.create("http://" + s.path("Address").asText() + ":" + s.path("Port").asInt());
  }

  private JsonNode agentGet(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + agentAddress() + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    } catch (IOException e) {
      return JSON.createObjectNode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JSON.createObjectNode();
    }
  }

  /** Order ID to how many shipments shipping scheduled for it. */
  Map<String, Integer> shipments() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(shipping.resolve("/shipments"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode s : JSON.readTree(r.body())) {
      counts.merge(s.path("orderId").asText(), 1, Integer::sum);
    }
    return counts;
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes. */
  static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of(args));
    return command;
  }

  private Path nextLog(String name) {
    int n = starts.merge(name, 1, Integer::sum);
    return logs.resolve(n == 1 ? name + ".log" : name + "." + n + ".log");
  }

  private static Path sibling(Path log, String suffix) {
    String file = log.getFileName().toString();
    return log.resolveSibling(file.substring(0, file.length() - ".log".length()) + suffix);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    group.close();
  }
}
