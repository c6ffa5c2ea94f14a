package dev.servicekit.vthreads;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.http.CorrelationFilter;
import dev.servicekit.logging.ServicekitLogging;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The virtual-thread scenarios, run by {@link VirtualThreadsTest} in a child JVM on a JDK with
 * virtual threads. Prints one line per outcome on stdout:
 *
 * <ul>
 *   <li>{@code RESULT <scenario> <problems> <first problems>} — 0 problems means it held;
 *   <li>{@code FACT <name> <value>} — what the run exercised (carrier migrations, reuse);
 *   <li>{@code PINNED <recording> <events> <first stack>} — JFR {@code jdk.VirtualThreadPinned}
 *       events at threshold 0 during a recording.
 * </ul>
 *
 * <p>Argument: a directory for the JFR files. JSON logs go where {@code servicekit.log.*} says.
 */
public final class VirtualThreadScenarios {

  static final String CORRELATION_ID = "correlation_id";
  static final String LOGGER = "dev.servicekit.vthreads.scenario";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);
  private static final PrintStream out = System.out;

  private VirtualThreadScenarios() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    out.println("FACT java.version " + Runtime.version());
    // First use initialises classes; a virtual thread waiting on another thread's class
    // initialisation is pinned by design. Warm up once so the recording sees steady state only.
    runAll(true);
    try (Recording recording = pinRecording()) {
      recording.start();
      runAll(false);
      recording.stop();
      report("scenarios", recording, dir.resolve("scenarios.jfr"));
    }
    try (Recording recording = pinRecording()) {
      recording.start();
      Thread pinned = VirtualThreads.start(SlowInit::touch);
      pinned.join();
      recording.stop();
      report("selfcheck", recording, dir.resolve("selfcheck.jfr"));
    }
    result("selfcheck-broken-scope-detected", detects(mdcRestore(200, BROKEN_SCOPE)));
    result("selfcheck-pooled-leak-detected", detects(noLeakOnReusedThreads(200, false)));
    out.println("FACT logs-flushed " + ServicekitLogging.flush(Duration.ofSeconds(60)));
    out.println("DONE");
    out.flush();
  }

  /** Sizes of the scenarios; the warm-up runs each with 10. */
  static final int IDS = 2000;

  static final int LOGGING = 2500;
  static final int REQUESTS = 150;

  /**
   * Warm-up log lines and requests carry this prefix or offset, so the test can tell them apart.
   */
  static final String WARM_UP = "warm-";

  static final int WARM_UP_REQUESTS = 1_000_000;

  private static void runAll(boolean warmUp) throws Exception {
    Checks ids = concurrentIds(warmUp ? 10 : IDS);
    Checks restore = mdcRestore(warmUp ? 10 : 1000, Correlation::begin);
    Checks wrapped = wrappedExecutor(warmUp ? 10 : 1000);
    Checks leak = noLeakOnReusedThreads(warmUp ? 10 : 1000, true);
    Checks logging = warmUp ? logging(10, WARM_UP) : logging(LOGGING, "log-");
    Checks http = warmUp ? httpServer(10, WARM_UP_REQUESTS) : httpServer(REQUESTS, 0);
    if (!warmUp) {
      result("concurrent-ids", ids);
      result("mdc-restore", restore);
      result("wrapped-executor", wrapped);
      result("no-leak-reused-carrier", leak);
      result("logging", logging);
      result("http-server", http);
    }
  }

  /**
   * Each of {@code n} virtual threads keeps its own id across sleeps that move it between carriers.
   */
  static Checks concurrentIds(int n) throws InterruptedException {
    Checks checks = new Checks();
    AtomicInteger migrations = new AtomicInteger();
    ExecutorService executor = VirtualThreads.perTaskExecutor();
    for (int i = 0; i < n; i++) {
      String id = "vt-" + i;
      executor.execute(
          guarded(
              checks,
              () -> {
                String firstCarrier = VirtualThreads.carrier();
                try (Scope scope = Correlation.begin(id)) {
                  for (int k = 0; k < 3; k++) {
                    sleep(1);
                    checks.same("current id", id, Correlation.currentId());
                    checks.same("MDC id", id, MDC.get(CORRELATION_ID));
                  }
                }
                if (!firstCarrier.equals(VirtualThreads.carrier())) {
                  migrations.incrementAndGet();
                }
                checks.same("id after close", null, Correlation.currentId());
                checks.same("MDC after close", null, MDC.get(CORRELATION_ID));
              }));
    }
    finish(executor, checks);
    out.println("FACT carrier-migrations " + migrations.get());
    return checks;
  }

  /** Opens a correlation scope for an id; the real one is {@code Correlation::begin}. */
  interface ScopeOpener extends Function<String, Scope> {}

  /** A deliberately broken scope: puts the id into the MDC and never restores it. */
  static final ScopeOpener BROKEN_SCOPE =
      id -> {
        MDC.put(CORRELATION_ID, id);
        return () -> {};
      };

  /** After nested scopes close on a virtual thread, its MDC is exactly what it was before. */
  static Checks mdcRestore(int n, ScopeOpener opener) throws InterruptedException {
    Checks checks = new Checks();
    ExecutorService executor = VirtualThreads.perTaskExecutor();
    for (int i = 0; i < n; i++) {
      int index = i;
      executor.execute(
          guarded(
              checks,
              () -> {
                if (index % 2 == 0) {
                  MDC.put("user", "u-" + index);
                  MDC.put(CORRELATION_ID, "outer-" + index);
                }
                Map<String, String> before = copyOfMdc();
                try (Scope outer = opener.apply("inner-" + index)) {
                  sleep(1);
                  try (Scope inner = opener.apply("nested-" + index)) {
                    MDC.put("trace_id", "0af7651916cd43dd8448eb211c80319c");
                    sleep(1);
                  }
                  checks.same(
                      "MDC id after the nested scope", "inner-" + index, MDC.get(CORRELATION_ID));
                }
                checks.same("MDC after close", before, copyOfMdc());
              }));
    }
    finish(executor, checks);
    return checks;
  }

  /** A wrapped virtual-thread-per-task executor runs every task in its submitter's Context. */
  static Checks wrappedExecutor(int n) throws Exception {
    Checks checks = new Checks();
    ExecutorService wrapped = Correlation.wrap(VirtualThreads.perTaskExecutor());
    ExecutorService plain = VirtualThreads.perTaskExecutor();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "parent-" + i;
      try (Scope scope = Correlation.begin(id)) {
        Callable<String> task =
            () -> {
              checks.that(
                  "runs on a virtual thread", VirtualThreads.isVirtual(Thread.currentThread()));
              checks.same("id in the task", id, Correlation.currentId());
              sleep(1);
              checks.same("MDC id in the task", id, MDC.get(CORRELATION_ID));
              return Correlation.currentId();
            };
        futures.add(wrapped.submit(task));
        if (i % 10 == 0) {
          for (Future<String> f : wrapped.invokeAll(List.of(task, task))) {
            checks.same("invokeAll result", id, f.get());
          }
          String supplied =
              CompletableFuture.supplyAsync(
                      Correlation.wrap((Supplier<String>) Correlation::currentId), plain)
                  .get();
          checks.same("supplyAsync with a wrapped supplier", id, supplied);
        }
        checks.same("submitter's MDC unchanged", id, MDC.get(CORRELATION_ID));
      }
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    finish(wrapped, checks);
    finish(plain, checks);
    return checks;
  }

  /**
   * Tasks that leave stray MDC entries behind are followed, on the same carriers, by unwrapped
   * tasks submitted from a thread whose MDC is set: those see an empty MDC and no id. With {@code
   * virtual} false the same runs on one pooled platform thread, where the stray entries do leak,
   * which shows the check can fail.
   */
  static Checks noLeakOnReusedThreads(int n, boolean virtual) throws Exception {
    Checks checks = new Checks();
    ExecutorService raw =
        virtual ? VirtualThreads.perTaskExecutor() : Executors.newSingleThreadExecutor();
    ExecutorService wrapped = Correlation.wrap(raw);
    Map<String, AtomicInteger> perCarrier = new ConcurrentHashMap<>();
    List<Future<?>> futures = new ArrayList<>();
    try (Scope submitter = Correlation.begin("submitter")) {
      MDC.put("submitter-only", "x");
      for (int i = 0; i < n; i++) {
        String id = "a-" + i;
        try (Scope scope = Correlation.begin(id)) {
          futures.add(
              wrapped.submit(
                  () -> {
                    count(perCarrier);
                    checks.same("wrapped task id", id, Correlation.currentId());
                    MDC.put("stray", id); // sloppy user code: never removed
                    sleep(0);
                  }));
        }
        futures.add(
            raw.submit(
                () -> {
                  count(perCarrier);
                  checks.same("unwrapped task id", null, Correlation.currentId());
                  checks.same("unwrapped task MDC", Map.of(), copyOfMdc());
                }));
      }
      MDC.remove("submitter-only");
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    finish(raw, checks);
    if (virtual) {
      int reuse = perCarrier.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
      out.println("FACT carriers " + perCarrier.size());
      out.println("FACT max-tasks-per-carrier " + reuse);
    }
    return checks;
  }

  /** {@code n} virtual threads log twice each inside their own correlation scope. */
  static Checks logging(int n, String prefix) throws InterruptedException {
    Checks checks = new Checks();
    ExecutorService executor = VirtualThreads.perTaskExecutor();
    for (int i = 0; i < n; i++) {
      int index = i;
      executor.execute(
          guarded(
              checks,
              () -> {
                try (Scope scope = Correlation.begin(prefix + index)) {
                  log.atInfo().addKeyValue("vt", index).log("virtual thread {} before", index);
                  sleep(1);
                  log.atInfo()
                      .addKeyValue("vt", index)
                      .log("virtual thread {} after \"quotes\"\n{}", index, "\u2028");
                }
              }));
    }
    finish(executor, checks);
    checks.that("logs flushed", ServicekitLogging.flush(Duration.ofSeconds(60)));
    out.println("FACT logged-lines-" + prefix + " " + (2L * n));
    return checks;
  }

  /**
   * A JDK HttpServer whose executor starts a virtual thread per request, with CorrelationFilter:
   * every handler sees the inbound id (or a fresh one for none or an invalid one), echoes it and
   * logs it. Requests are sent from virtual threads too.
   */
  static Checks httpServer(int n, int offset) throws Exception {
    Checks checks = new Checks();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService handlers = VirtualThreads.perTaskExecutor();
    server.setExecutor(handlers);
    HttpContext context =
        server.createContext(
            "/work",
            exchange -> {
              String request = exchange.getRequestURI().getQuery().substring("i=".length());
              String answer =
                  VirtualThreads.isVirtual(Thread.currentThread())
                      + " "
                      + Correlation.currentId()
                      + " "
                      + MDC.get(CORRELATION_ID);
              sleep(1);
              log.atInfo().addKeyValue("request", Integer.parseInt(request)).log("handled request");
              byte[] body = answer.getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
              }
            });
    context.getFilters().add(CorrelationFilter.create());
    server.start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/work?i=");
    Semaphore inFlight = new Semaphore(32);
    ExecutorService senders = VirtualThreads.perTaskExecutor();
    try {
      for (int i = 0; i < n; i++) {
        int index = offset + i;
        senders.execute(
            () -> {
              inFlight.acquireUninterruptibly();
              try {
                send(client, base, index, checks);
              } finally {
                inFlight.release();
              }
            });
      }
      finish(senders, checks);
    } finally {
      server.stop(0);
      handlers.shutdown();
    }
    return checks;
  }

  /** What request {@code i} sends as its id: valid for i%3==0, none for 1, invalid for 2. */
  static String inboundId(int i) {
    return switch (i % 3) {
      case 0 -> "req-" + i;
      case 1 -> null;
      default -> "bad id!" + i;
    };
  }

  private static void send(HttpClient client, URI base, int index, Checks checks) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + Integer.toString(index)))
            .timeout(Duration.ofSeconds(30));
    String inbound = inboundId(index);
    if (inbound != null) {
      request.header("X-Correlation-ID", inbound);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String[] answer = response.body().split(" ", -1);
      String echoed = response.headers().firstValue("X-Correlation-ID").orElse(null);
      checks.same("status", 200, response.statusCode());
      checks.same("handler on a virtual thread", "true", answer[0]);
      checks.same("handler id is the echoed id", echoed, answer[1]);
      checks.same("handler MDC id is the echoed id", echoed, answer[2]);
      if (index % 3 == 0) {
        checks.same("a valid inbound id is kept", inbound, echoed);
      } else {
        checks.that("a fresh valid id", echoed != null && Correlation.isValidId(echoed));
        checks.that("an invalid id is replaced", !String.valueOf(inbound).equals(echoed));
      }
    } catch (IOException | RuntimeException e) {
      checks.problem("request " + index + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.problem("request " + index + " interrupted");
    }
  }

  /** A class whose initialiser sleeps: a virtual thread initialising it is pinned meanwhile. */
  static final class SlowInit {
    static {
      sleep(100);
    }

    private SlowInit() {}

    static void touch() {}
  }

  private static Recording pinRecording() {
    Recording recording = new Recording();
    recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
    return recording;
  }

  private static void report(String name, Recording recording, Path file) throws IOException {
    recording.dump(file);
    List<RecordedEvent> pinned = new ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (e.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
        pinned.add(e);
      }
    }
    out.println(
        "PINNED "
            + name
            + " "
            + pinned.size()
            + " "
            + (pinned.isEmpty() ? "-" : stack(pinned.get(0))));
  }

  private static String stack(RecordedEvent event) {
    if (event.getStackTrace() == null) {
      return "(no stack)";
    }
    List<String> frames = new ArrayList<>();
    for (RecordedFrame f : event.getStackTrace().getFrames()) {
      if (frames.size() == 12) {
        break;
      }
      frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
    }
    return String.join("<", frames);
  }

  private static void result(String name, Checks checks) {
    out.println("RESULT " + name + " " + checks.count() + " " + checks.summary());
  }

  /** A self-check holds when the check it runs found problems. */
  private static Checks detects(Checks ran) {
    Checks checks = new Checks();
    checks.that("the check found nothing to report (" + ran.summary() + ")", ran.count() > 0);
    out.println("FACT " + "detected-problems " + ran.count());
    return checks;
  }

  /** Records what a task throws as a problem instead of losing it to the executor. */
  private static Runnable guarded(Checks checks, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        checks.problem("task threw " + e);
      }
    };
  }

  private static Map<String, String> copyOfMdc() {
    Map<String, String> map = MDC.getCopyOfContextMap();
    return map == null ? Map.of() : new HashMap<>(map);
  }

  private static void count(Map<String, AtomicInteger> perCarrier) {
    perCarrier
        .computeIfAbsent(VirtualThreads.carrier(), k -> new AtomicInteger())
        .incrementAndGet();
  }

  private static void finish(ExecutorService executor, Checks checks) throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(120, TimeUnit.SECONDS)) {
      checks.problem("tasks did not finish within 120 s");
      executor.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
