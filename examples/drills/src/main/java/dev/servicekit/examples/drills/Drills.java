package dev.servicekit.examples.drills;

import static dev.servicekit.examples.drills.DrillResult.Target.atLeast;
import static dev.servicekit.examples.drills.DrillResult.Target.atMost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.examples.drills.DrillResult.Stats;
import dev.servicekit.examples.drills.OrderStream.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The five drills, run one after the other on one running {@link DemoSystem}: each leaves the
 * system healthy for the next (drill 1 starts the killed instance again, drill 5 ends the run).
 * Every drill sends the same bounded stream of orders, injects its fault {@link
 * DrillOptions#MARGIN} into it, and measures; the bounds are those of the issue, with the slack a
 * loaded two-core machine needs written next to each.
 */
final class Drills {

  /** Scheduling slack on a shared two-core machine, added to every timing bound. */
  static final double SLACK = 1.5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DemoSystem system;
  private final DrillOptions options;
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000);
  private long invalidSoFar;

  Drills(DemoSystem system, DrillOptions options) {
    this.system = system;
    this.options = options;
  }

  /** Runs drill {@code n}. */
  DrillResult run(int n) throws Exception {
    return switch (n) {
      case 1 -> inventoryKilled();
      case 2 -> agentWiped();
      case 3 -> agentSlowThenFailing();
      case 4 -> brokerRestarted();
      case 5 -> gracefulStop();
      default -> throw new IllegalArgumentException("no drill " + n);
    };
  }

  // --- drill 1 -------------------------------------------------------------------------------

  private DrillResult inventoryKilled() throws Exception {
    Traffic traffic = new Traffic(1);
    long faultAt = now();
    ProcessGroup.kill(system.service("inventory-2"));
    long critical =
        at(Duration.ofSeconds(10), () -> "critical".equals(system.checkStatus("inventory-2")));
    long reaped = at(Duration.ofSeconds(30), () -> !system.registered().contains("inventory-2"));
    List<Outcome> outcomes = traffic.finish();
    List<Long> retries = ordersLines(m -> m.contains("inventory-2") && m.contains("unreachable"));
    long lastRetry = retries.stream().mapToLong(Long::longValue).max().orElse(-1);
    Stats stats = stats(outcomes, faultAt, critical);

    system.startService("inventory", "inventory-2");
    boolean restored =
        DemoSystem.await(options.startupTimeout(), () -> system.allPassing(DemoSystem.INSTANCES));
    double interval = seconds(DemoSystem.CHECK_INTERVAL);
    return new DrillResult(
        1,
        "inventory-2 killed with SIGKILL under traffic",
        stats,
        List.of(
            atMost("failed orders", stats.failed(), 0, ""),
            atMost("kill -> check critical", since(faultAt, critical), interval + SLACK, "s"),
            atMost(
                "kill -> last order sent to the dead instance (left orders' discovery)",
                lastRetry < 0 ? 0 : since(faultAt, lastRetry),
                interval + SLACK + 1,
                "s"),
            atMost(
                "kill -> reaped by DeregisterCriticalServiceAfter ("
                    + seconds(DemoSystem.DEREGISTER_AFTER)
                    + " s)",
                since(faultAt, reaped),
                interval + seconds(DemoSystem.DEREGISTER_AFTER) + 0.5 + SLACK,
                "s"),
            atMost("201 orders never consumed", stats.acknowledgedNotConsumed(), 0, ""),
            atMost("invalid log lines", stats.logLinesInvalid(), 0, ""),
            atLeast("inventory-2 restarted and passing", restored ? 1 : 0, 1, "")),
        notes(
            outcomes,
            "orders that reached the dead instance and were retried on the other: "
                + retries.size()
                + " (how many depends on timing; InventoryClientTest pins the retry down)",
            "Lines lost here are lines of the killed process still in its buffers: a crash"
                + " promises nothing about them (bounded only in drill 5)."));
  }

  // --- drill 2 -------------------------------------------------------------------------------

  private DrillResult agentWiped() throws Exception {
    Traffic traffic = new Traffic(2);
    long faultAt = now();
    system.killAgent();
    Thread.sleep(options.outage().toMillis());
    system.startAgent();
    long back = now();
    long registered =
        at(Duration.ofSeconds(30), () -> system.registered().containsAll(DemoSystem.INSTANCES));
    long passing = at(Duration.ofSeconds(30), () -> system.allPassing(DemoSystem.INSTANCES));
    long watching = at(Duration.ofSeconds(30), () -> requests("/v1/health/service/inventory") > 0);
    List<Outcome> outcomes = traffic.finish();
    Stats stats = stats(outcomes, faultAt, passing);
    double interval = seconds(DemoSystem.CHECK_INTERVAL);
    double backoff = seconds(DemoSystem.BACKOFF_MAX);
    long failedWhileDown = outcomes.stream().filter(o -> !o.placed() && o.doneAt() < back).count();
    long failedAfterReturn =
        outcomes.stream().filter(o -> !o.placed() && o.doneAt() >= back).count();
    double lastFailureAfterReturn =
        outcomes.stream()
            .filter(o -> !o.placed() && o.doneAt() >= back)
            .mapToLong(Outcome::doneAt)
            .max()
            .stream()
            .mapToDouble(t -> since(back, t))
            .findFirst()
            .orElse(0);
    return new DrillResult(
        2,
        "agent killed (SIGKILL) and started again with nothing registered, under traffic",
        stats,
        List.of(
            atMost("failed orders while the agent was down", failedWhileDown, 0, ""),
            atMost(
                "agent back -> last failed order (the wiped agent answers an empty healthy set"
                    + " until inventory is registered and passing again)",
                lastFailureAfterReturn,
                2 * interval + backoff + SLACK,
                "s"),
            atMost(
                "agent back -> all 4 instances registered again",
                since(back, registered),
                interval + backoff + SLACK,
                "s"),
            atMost(
                "agent back -> all checks passing",
                since(back, passing),
                2 * interval + backoff + SLACK,
                "s"),
            atMost(
                "agent back -> orders' inventory watch asks the new agent",
                since(back, watching),
                2 * backoff + SLACK,
                "s"),
            atMost("201 orders never consumed", stats.acknowledgedNotConsumed(), 0, ""),
            atMost("log lines lost", stats.logLinesLost(), 0, ""),
            atMost("invalid log lines", stats.logLinesInvalid(), 0, "")),
        notes(
            outcomes,
            String.format(
                java.util.Locale.ROOT,
                "agent down for %.2f s (kill, %d ms wait, start of a new agent process)",
                (back - faultAt) / 1000.0,
                options.outage().toMillis()),
            "failed orders after the agent's return: "
                + failedAfterReturn
                + ". Discovery keeps the last known healthy set while the agent is unreachable,"
                + " but the restarted, empty agent answers: its empty set replaces the cache"
                + " until the instances have re-registered and passed a check."));
  }

  private long requests(String path) {
    try {
      return Long.parseLong(system.control("count " + java.util.regex.Pattern.quote(path)));
    } catch (IOException | RuntimeException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  // --- drill 3 -------------------------------------------------------------------------------

  private DrillResult agentSlowThenFailing() throws Exception {
    Traffic traffic = new Traffic(3);
    long faultAt = now();
    system.control("latency " + options.latency().toMillis());
    Thread.sleep(options.faultPeriod().toMillis());
    long errorsAt = now();
    system.control("clear");
    system.control("fail 500");
    Thread.sleep(options.faultPeriod().toMillis());
    system.control("clear");
    long cleared = now();
    long passing = at(Duration.ofSeconds(30), () -> system.allPassing(DemoSystem.INSTANCES));
    List<Outcome> outcomes = traffic.finish();
    Stats stats = stats(outcomes, faultAt, passing);
    long slowest =
        outcomes.stream()
            .filter(o -> o.sentAt() >= faultAt && o.sentAt() <= cleared)
            .mapToLong(Outcome::latencyMillis)
            .max()
            .orElse(-1);
    long slowestInLatency =
        outcomes.stream()
            .filter(o -> o.sentAt() >= faultAt && o.sentAt() < errorsAt)
            .mapToLong(Outcome::latencyMillis)
            .max()
            .orElse(-1);
    double latency = seconds(options.latency());
    return new DrillResult(
        3,
        "agent answers "
            + options.latency().toMillis()
            + " ms late for "
            + options.faultPeriod().toSeconds()
            + " s, then HTTP 500 for "
            + options.faultPeriod().toSeconds()
            + " s",
        stats,
        List.of(
            atMost("failed orders", stats.failed(), 0, ""),
            atMost(
                "slowest order during the faults (injected latency " + latency + " s)",
                slowest / 1000.0,
                Math.min(1.0, latency / 2),
                "s"),
            atMost(
                "faults cleared -> all checks passing",
                since(cleared, passing),
                seconds(DemoSystem.CHECK_INTERVAL) + SLACK,
                "s"),
            atMost("201 orders never consumed", stats.acknowledgedNotConsumed(), 0, ""),
            atMost("log lines lost", stats.logLinesLost(), 0, ""),
            atMost("invalid log lines", stats.logLinesInvalid(), 0, "")),
        notes(
            outcomes,
            String.format(
                java.util.Locale.ROOT,
                "slowest order while the agent was slow: %.3f s; over both faults: %.3f s",
                slowestInLatency / 1000.0,
                slowest / 1000.0)));
  }

  // --- drill 4 -------------------------------------------------------------------------------

  private DrillResult brokerRestarted() throws Exception {
    Traffic traffic = new Traffic(4);
    long faultAt = now();
    system.killBroker();
    Thread.sleep(options.outage().toMillis());
    system.startBroker();
    long back = now();
    long shipping =
        at(Duration.ofSeconds(30), () -> "passing".equals(system.checkStatus("shipping-1")));
    long orders =
        at(Duration.ofSeconds(30), () -> "passing".equals(system.checkStatus("orders-1")));
    List<Outcome> outcomes = traffic.finish();
    Stats stats =
        stats(outcomes, faultAt, Math.max(shipping, orders) < 0 ? -1 : Math.max(shipping, orders));
    long not503 = outcomes.stream().filter(o -> !o.placed() && o.status() != 503).count();
    long slowestWhileDown =
        outcomes.stream()
            .filter(o -> o.sentAt() >= faultAt && o.sentAt() <= back)
            .mapToLong(Outcome::latencyMillis)
            .max()
            .orElse(-1);
    long redelivered = lines("shipping-1", m -> m.contains("received again")).size();
    double outageSeconds = (back - faultAt) / 1000.0;
    return new DrillResult(
        4,
        "broker killed (SIGKILL) and started again on its data directory, under traffic",
        stats,
        List.of(
            atMost("201 orders never consumed", stats.acknowledgedNotConsumed(), 0, ""),
            atMost("orders shipped twice", stats.duplicated(), 0, ""),
            atMost("failed orders not answered 503", not503, 0, ""),
            atMost(
                "slowest order while the broker was down (503 at once, no waiting)",
                slowestWhileDown / 1000.0,
                1,
                "s"),
            atMost(
                "longest run of failures (broker down " + DrillResult.number(outageSeconds) + " s)",
                stats.longestFailureRun(),
                outageSeconds + SLACK + 1,
                "s"),
            atMost(
                "broker back -> shipping consuming again (check passing)",
                since(back, shipping),
                1 + seconds(DemoSystem.CHECK_INTERVAL) + SLACK,
                "s"),
            atMost("log lines lost", stats.logLinesLost(), 0, ""),
            atMost("invalid log lines", stats.logLinesInvalid(), 0, "")),
        notes(
            outcomes,
            "orders answers 503 while the broker is down (it does not buffer); the client sees"
                + " exactly which orders were not taken",
            "redelivered OrderPlaced messages shipping ignored as duplicates: " + redelivered));
  }

  // --- drill 5 -------------------------------------------------------------------------------

  private DrillResult gracefulStop() throws Exception {
    Traffic traffic = new Traffic(5);
    Process inventory2 = system.service("inventory-2");
    long faultAt = now();
    inventory2.destroy();
    long deregistered =
        at(Duration.ofSeconds(10), () -> !system.registered().contains("inventory-2"));
    long exited = inventory2.waitFor(30, TimeUnit.SECONDS) ? now() : -1;
    List<Outcome> outcomes = traffic.finish();
    Stats stats = stats(outcomes, faultAt, deregistered);
    List<Path> files = system.logFiles().get("inventory-2");
    String lastLine = lastLine(files.get(files.size() - 1));
    boolean stoppedLast = lastLine.contains("Stopped inventory (inventory-2)");
    long servedByIt =
        outcomes.stream().filter(o -> o.placed() && o.instance().equals("inventory-2")).count();
    return new DrillResult(
        5,
        "inventory-2 stopped with SIGTERM under traffic",
        stats,
        List.of(
            atMost("failed orders", stats.failed(), 0, ""),
            atMost("SIGTERM -> deregistered", since(faultAt, deregistered), SLACK, "s"),
            atMost(
                "SIGTERM -> process exited (drain 1 s)",
                since(faultAt, exited),
                1 + 1 + SLACK + 2,
                "s"),
            atMost("log lines lost", stats.logLinesLost(), 0, ""),
            atMost("invalid log lines", stats.logLinesInvalid(), 0, ""),
            atLeast(
                "inventory-2's last log line is its 'Stopped' line", stoppedLast ? 1 : 0, 1, ""),
            atMost("201 orders never consumed", stats.acknowledgedNotConsumed(), 0, "")),
        List.of(
            "orders inventory-2 served in this drill: "
                + servedByIt
                + "; its last line: "
                + abbreviate(lastLine)));
  }

  /** The drill's own notes, then the slowest order and the failures grouped by reason. */
  private static List<String> notes(List<Outcome> outcomes, String... specific) {
    List<String> notes = new ArrayList<>(List.of(specific));
    long slowest = outcomes.stream().mapToLong(Outcome::latencyMillis).max().orElse(0);
    notes.add(
        String.format(
            java.util.Locale.ROOT, "slowest order of the drill: %.3f s", slowest / 1000.0));
    Map<String, Long> reasons = new java.util.TreeMap<>();
    for (Outcome o : outcomes) {
      if (!o.placed()) {
        reasons.merge(
            (o.status() == 0 ? "no answer" : "HTTP " + o.status()) + ": " + o.error(),
            1L,
            Long::sum);
      }
    }
    reasons.forEach((reason, n) -> notes.add("failed " + n + " x " + reason));
    return notes;
  }

  // --- measuring -----------------------------------------------------------------------------

  /**
   * One drill's stream of orders, started at once; the fault comes {@link DrillOptions#MARGIN} in.
   */
  private final class Traffic {
    private final OrderStream stream = new OrderStream();

    Traffic(int drill) throws InterruptedException {
      stream.start(system.ordersUri(), options.orders(), options.rate(), "d" + drill + "-" + runId);
      Thread.sleep(DrillOptions.MARGIN.toMillis());
    }

    List<Outcome> finish() throws InterruptedException, ExecutionException, TimeoutException {
      try {
        return stream.await(options.traffic().plus(OrderStream.REQUEST_TIMEOUT).plusSeconds(30));
      } finally {
        stream.close();
      }
    }
  }

  private Stats stats(List<Outcome> outcomes, long faultAt, long normalAt)
      throws IOException, InterruptedException {
    List<String> placed = outcomes.stream().filter(Outcome::placed).map(Outcome::orderId).toList();
    AtomicReference<Map<String, Integer>> last = new AtomicReference<>(Map.of());
    DemoSystem.await(
        Duration.ofSeconds(20),
        () -> {
          last.set(shipmentsOrEmpty());
          return last.get().keySet().containsAll(placed);
        });
    Map<String, Integer> shipments = last.get();
    int duplicated = (int) placed.stream().filter(id -> shipments.getOrDefault(id, 0) > 1).count();
    int notConsumed = (int) placed.stream().filter(id -> !shipments.containsKey(id)).count();
    Thread.sleep(500); // the services' log writers flush within this
    LogAudit audit = LogAudit.read(system.logFiles(), false);
    long invalid = audit.invalid() - invalidSoFar;
    invalidSoFar = audit.invalid();
    long lastFailure =
        outcomes.stream().filter(o -> !o.placed()).mapToLong(Outcome::doneAt).max().orElse(faultAt);
    double backToNormal = normalAt < 0 ? -1 : (Math.max(lastFailure, normalAt) - faultAt) / 1000.0;
    return new Stats(
        outcomes.size(),
        placed.size(),
        outcomes.size() - placed.size(),
        duplicated,
        longestFailureRun(outcomes),
        backToNormal,
        audit.missing(outcomes),
        invalid,
        notConsumed);
  }

  private Map<String, Integer> shipmentsOrEmpty() {
    try {
      return system.shipments();
    } catch (IOException | RuntimeException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /** Seconds from the first send to the last answer of the longest run of consecutive failures. */
  static double longestFailureRun(List<Outcome> outcomes) {
    double longest = 0;
    Outcome first = null;
    for (Outcome o : outcomes) {
      if (o.placed()) {
        first = null;
        continue;
      }
      if (first == null) {
        first = o;
      }
      longest = Math.max(longest, (o.doneAt() - first.sentAt()) / 1000.0);
    }
    return longest;
  }

  /** Epoch millis of the orders log lines whose message matches, since the run began. */
  private List<Long> ordersLines(Predicate<String> message) throws IOException {
    return lines("orders-1", message);
  }

  private List<Long> lines(String instance, Predicate<String> message) throws IOException {
    List<Long> times = new ArrayList<>();
    for (Path file : system.logFiles().getOrDefault(instance, List.of())) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        try {
          JsonNode node = JSON.readTree(line);
          if (node != null && message.test(node.path("message").asText(""))) {
            times.add(Instant.parse(node.path("@timestamp").asText()).toEpochMilli());
          }
        } catch (IOException | DateTimeParseException e) {
          // an invalid line is counted by the log audit
        }
      }
    }
    return times;
  }

  private static String lastLine(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static String abbreviate(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node == null ? line : node.path("message").asText(line);
    } catch (IOException e) {
      return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
  }

  /**
   * When {@code condition} first held (epoch millis), polling for at most {@code timeout}; -1 if
   * never.
   */
  private static long at(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    return DemoSystem.await(timeout, condition) ? now() : -1;
  }

  /** Seconds from {@code from} to {@code to}, or -1 when {@code to} never came. */
  private static double since(long from, long to) {
    return to < 0 ? -1 : (to - from) / 1000.0;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
