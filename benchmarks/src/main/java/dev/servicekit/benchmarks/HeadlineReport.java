package dev.servicekit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the headline table and the goal ratios from JMH JSON result files ({@code -rf json}), as
 * {@code benchmarks/run-headline.sh} runs them: {@code java -cp benchmarks.jar
 * dev.servicekit.benchmarks.HeadlineReport result.json...}. Every ratio compares scores of one run.
 */
public final class HeadlineReport {

  private static final String E2E = "dev.servicekit.benchmarks.logging.endtoend.";
  private static final String[] LIBRARIES = {
    "ServicekitEndToEnd",
    "LogbackTextEndToEnd",
    "LogstashEndToEnd",
    "LogstashAsyncEndToEnd",
    "JsonTemplateEndToEnd"
  };
  private static final String[] NAMES = {
    "servicekit", "Logback text", "LLE", "LLE async", "Log4j2 JTL"
  };

  /**
   * One case: primary score (per its unit), allocation and CPU time per operation, each the mean
   * over the result files that hold the case.
   */
  private static final class Row {
    double score;
    String unit;
    double alloc = Double.NaN;
    double cpu = Double.NaN;
    int forks;

    /** Nanoseconds per operation (for a throughput score: per event over all threads). */
    double nanos() {
      switch (unit) {
        case "ops/ms":
          return 1e6 / score;
        case "ops/us":
          return 1e3 / score;
        case "ns/op":
          return score;
        case "us/op":
          return score * 1e3;
        default:
          throw new IllegalStateException("unit " + unit);
      }
    }
  }

  private final Map<String, Row> rows = new HashMap<>();
  private int goals;
  private int met;

  private HeadlineReport() {}

  /** Reads the given JMH JSON files and prints the report. */
  public static void main(String[] args) throws IOException {
    HeadlineReport report = new HeadlineReport();
    ObjectMapper json = new ObjectMapper();
    for (String file : args) {
      for (JsonNode result : json.readTree(new File(file))) {
        report.add(result);
      }
    }
    report.print();
  }

  private void add(JsonNode result) {
    StringBuilder key = new StringBuilder(result.get("benchmark").asText());
    JsonNode params = result.get("params");
    if (params != null) {
      params.properties().forEach(p -> key.append(' ').append(p.getValue().asText()));
    }
    double score = result.get("primaryMetric").get("score").asDouble();
    String unit = result.get("primaryMetric").get("scoreUnit").asText();
    double alloc = Double.NaN;
    double cpu = Double.NaN;
    JsonNode secondary = result.get("secondaryMetrics");
    if (secondary != null) {
      if (secondary.has("gc.alloc.rate.norm")) {
        alloc = secondary.get("gc.alloc.rate.norm").get("score").asDouble();
      }
      if (secondary.has("cpu.time.norm")) {
        cpu = secondary.get("cpu.time.norm").get("score").asDouble();
      }
    }
    // a case run in several turns (one fork each, the same iterations) averages them, as JMH
    // averages the forks of one run
    Row row = rows.computeIfAbsent(key.toString(), k -> new Row());
    if (row.unit != null && !row.unit.equals(unit)) {
      throw new IllegalStateException(key + ": units " + row.unit + " and " + unit);
    }
    row.unit = unit;
    row.forks++;
    row.score += (score - row.score) / row.forks;
    row.alloc = row.forks == 1 ? alloc : row.alloc + (alloc - row.alloc) / row.forks;
    row.cpu = row.forks == 1 ? cpu : row.cpu + (cpu - row.cpu) / row.forks;
  }

  private Row e2e(String library, String method, String sink) {
    return rows.get(E2E + library + "." + method + " " + sink);
  }

  private void print() {
    System.out.println();
    System.out.println("Logging, SLF4J call to bytes: ns per event (all threads), B/op, CPU ns/op");
    System.out.print("| per event |");
    for (String name : NAMES) {
      System.out.print(" " + name + " |");
    }
    System.out.println();
    System.out.print("|---|");
    for (int i = 0; i < NAMES.length; i++) {
      System.out.print("---:|");
    }
    System.out.println();
    line("info, in-memory sink", "info", "memory");
    line("info, one write(2) per write to /dev/null", "info", "devnull");
    line("info, 4 threads, in-memory", "infoFourThreads", "memory");
    line("info, 4 threads, /dev/null", "infoFourThreads", "devnull");
    line("error, 2-deep cause chain, in-memory", "error", "memory");
    Row textMemory = e2e(LIBRARIES[1], "info", "memory");
    Row textDevnull = e2e(LIBRARIES[1], "info", "devnull");
    if (textMemory != null && textDevnull != null) {
      // what the /dev/null goal buys depends on this: the machine paid 2,416 ns
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "One write(2) of a line to /dev/null here: about %,.0f ns (Logback text, /dev/null minus"
              + " in-memory)%n",
          textDevnull.nanos() - textMemory.nanos());
      String write = "dev.servicekit.benchmarks.logging.WriteCostBenchmark.writeOneLine ";
      Row devnull = rows.get(write + "devnull");
      Row pipe = rows.get(write + "pipe");
      if (devnull != null && pipe != null) {
        System.out.printf(
            Locale.ROOT,
            "One write(2) of a 300-byte line measured alone: %,.0f ns to /dev/null, %,.0f ns to a"
                + " pipe another process reads%n",
            devnull.nanos(),
            pipe.nanos());
      }
      Row sk = e2e(LIBRARIES[0], "info", "devnull");
      Row skFour = e2e(LIBRARIES[0], "infoFourThreads", "devnull");
      if (sk != null && skFour != null) {
        // four threads on two cores take at least half their CPU time per event, so four threads
        // at 1.5x one thread's throughput need CPU per event <= one thread's time / 0.75
        double needed = textDevnull.nanos() / 5;
        System.out.printf(
            Locale.ROOT,
            "5x Logback text to /dev/null needs %,.0f ns per event on one thread; four threads at"
                + " 1.5x that need at most %,.0f ns of CPU per event (now: %,.0f ns on one thread,"
                + " %,.0f ns on four)%n",
            needed,
            needed / 0.75,
            sk.cpu,
            skFour.cpu);
      }
    }
    String encoder = "dev.servicekit.benchmarks.logging.JsonEncoderBenchmark.";
    Row encodeOne = rows.get(encoder + "servicekitPlain");
    Row encodeFour = rows.get(encoder + "servicekitPlainFourThreads");
    Row skOne = e2e(LIBRARIES[0], "info", "memory");
    Row skFour = e2e(LIBRARIES[0], "infoFourThreads", "memory");
    if (encodeOne != null && encodeFour != null && skOne != null && skFour != null) {
      // context for the four-thread goals: how far this machine let work that shares nothing scale
      Row skOneDevnull = e2e(LIBRARIES[0], "info", "devnull");
      Row skFourDevnull = e2e(LIBRARIES[0], "infoFourThreads", "devnull");
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "Four threads vs one here: the encoding alone, nothing shared, %.2fx (%,.0f vs %,.0f ns"
              + " per event); servicekit end to end %.2fx in memory, %s to /dev/null%n",
          encodeOne.nanos() / encodeFour.nanos(),
          encodeFour.nanos(),
          encodeOne.nanos(),
          skOne.nanos() / skFour.nanos(),
          skOneDevnull == null || skFourDevnull == null
              ? "not measured"
              : String.format(Locale.ROOT, "%.2fx", skOneDevnull.nanos() / skFourDevnull.nanos()));
    }
    System.out.println();
    System.out.println(
        "Goals (x = how many times the anchor's throughput; CPU: the same from CPU time)");
    for (String sink : new String[] {"memory", "devnull"}) {
      Row sk = e2e(LIBRARIES[0], "info", sink);
      Row text = e2e(LIBRARIES[1], "info", sink);
      double goal = sink.equals("memory") ? 1.0 : 5.0;
      ratio("logging info " + sink + " vs Logback text", text, sk, goal);
    }
    Row skAlloc = e2e(LIBRARIES[0], "info", "memory");
    if (skAlloc != null) {
      goal(
          String.format(Locale.ROOT, "logging allocation per plain event %.1f B", skAlloc.alloc),
          skAlloc.alloc <= 64,
          "<= 64 B");
    }
    for (String sink : new String[] {"memory", "devnull"}) {
      Row one = e2e(LIBRARIES[0], "info", sink);
      Row four = e2e(LIBRARIES[0], "infoFourThreads", sink);
      ratio("logging 4 threads vs servicekit 1 thread, " + sink, one, four, 1.5);
      ratio(
          "logging 4 threads vs LLE 4 threads, " + sink,
          e2e(LIBRARIES[2], "infoFourThreads", sink),
          four,
          2.0);
      ratio(
          "logging 4 threads vs LLE async 4 threads, " + sink,
          e2e(LIBRARIES[3], "infoFourThreads", sink),
          four,
          2.0);
    }
    ratio(
        "logging error vs LLE",
        e2e(LIBRARIES[2], "error", "memory"),
        e2e(LIBRARIES[0], "error", "memory"),
        3.0);
    String hop = "dev.servicekit.benchmarks.correlation.HopBenchmark.";
    for (String inbound :
        new String[] {"traceparent", "traceparent+baggage", "traceparent+tracestate"}) {
      ratio(
          "correlation hop vs OpenTelemetry + MDC, " + inbound,
          rows.get(hop + "openTelemetryW3cWithScopeAndMdc " + inbound),
          rows.get(hop + "servicekitHop " + inbound),
          1.0);
    }
    String id = "dev.servicekit.benchmarks.correlation.IdBenchmark.";
    ratio(
        "id generation vs UUID",
        rows.get(id + "uuidRandomToString"),
        rows.get(id + "servicekitNewId"),
        10.0);
    ratio(
        "id generation vs UUID, 2 threads",
        rows.get(id + "uuidRandomToStringTwoThreads"),
        rows.get(id + "servicekitNewIdTwoThreads"),
        10.0);
    System.out.println();
    System.out.println(met + " of " + goals + " goals met");
  }

  private void line(String what, String method, String sink) {
    System.out.print("| " + what + " |");
    for (String library : LIBRARIES) {
      Row row = e2e(library, method, sink);
      System.out.print(
          row == null
              ? " — |"
              : String.format(
                  Locale.ROOT,
                  " %,.0f ns, %.0f B, CPU %,.0f ns |",
                  row.nanos(),
                  row.alloc,
                  row.cpu));
    }
    System.out.println();
  }

  /** Prints how many times {@code anchor}'s time {@code ours} is faster, against {@code goal}. */
  private void ratio(String what, Row anchor, Row ours, double goal) {
    if (anchor == null || ours == null) {
      System.out.println("  " + what + ": not measured");
      return;
    }
    double x = anchor.nanos() / ours.nanos();
    double cpu = anchor.cpu / ours.cpu;
    goal(
        String.format(
            Locale.ROOT,
            "%s: %.2fx (%,.0f vs %,.0f ns; CPU %.2fx)",
            what,
            x,
            ours.nanos(),
            anchor.nanos(),
            cpu),
        x >= goal,
        String.format(Locale.ROOT, ">= %.1fx", goal));
  }

  private void goal(String text, boolean ok, String goal) {
    goals++;
    if (ok) {
      met++;
    }
    System.out.println("  " + text + "  goal " + goal + ": " + (ok ? "met" : "MISSED"));
  }
}
