package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogQueryTest {

  private record Run(int status, String out, String err) {}

  private static Run run(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        LogQuery.run(
            List.of(args),
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  private static String fixtures() {
    return Fixtures.path("").toString();
  }

  @Test
  void followsOneCorrelationIdAcrossServicesInTimeOrder() {
    Run r = run("--id", "c-0001", Fixtures.path("ecs").toString());

    assertThat(r.status()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("Timeline of c-0001: 7 lines from 3 services (orders, inventory, shipping)")
        .endsWith("(80 ms), 1 error");
    assertThat(lines.subList(1, lines.size()))
        .filteredOn(l -> !l.startsWith(" "))
        .extracting(l -> l.substring(0, 24))
        .isSorted();
    assertThat(r.out())
        .contains("inventory[inventory-b2c1] INFO   reserved 2 x widget, 8 left")
        .contains("! java.net.ConnectException: Connection refused");
    assertThat(r.err())
        .contains("read 18 lines from 3 sources: 13 JSON events, 3 not JSON, 1 malformed");
  }

  @Test
  void followsATraceIdAcrossLogstashAndGcpProfiles() {
    Run r = run("--id", "0af7651916cd43dd8448eb211c80319c", "--quiet", fixtures());

    assertThat(r.status()).isZero();
    assertThat(r.out().lines().skip(1).toList())
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("orders").contains("order received: 5 x sprocket"))
        .anySatisfy(l -> assertThat(l).contains("inventory").contains("reserving 5 x sprocket"));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void summarisesEveryCorrelationIdAcrossAllProfiles() {
    Run r = run("--summary", "-q", fixtures());

    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("correlation id");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("c-0001")
                    .contains("orders,inventory,shipping")
                    .contains("    7       1"))
        .anySatisfy(l -> assertThat(l).startsWith("c-0005").contains("orders,inventory"))
        .last()
        .isEqualTo("5 correlation ids, 4 lines without one");
  }

  @Test
  void filtersByServiceLevelAndTime() {
    Run r =
        run(
            "-s",
            "orders,inventory",
            "-l",
            "WARN",
            "--since",
            "2026-11-23T14:16:23Z",
            "--until",
            "2026-11-23T14:16:24.025Z",
            "-q",
            fixtures());

    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("inventory").contains("WARN").contains("sprocket stock low");
    assertThat(lines.get(1)).contains("orders").contains("ERROR").contains("reserve failed");
    assertThat(lines.get(2)).contains("! java.io.IOException: inventory timed out");
    assertThat(lines.get(3)).contains("inventory[inventory-b2c1]").contains("cannot reserve");
  }

  @Test
  void printsMatchingLinesAsJsonInTimeOrder() {
    Run r = run("--json", "-q", "--id", "c-0003", Fixtures.path("mixed").toString());

    assertThat(r.out().lines().toList())
        .hasSize(2)
        .allSatisfy(l -> assertThat(new ObjectMapper().readTree(l).isObject()).isTrue())
        .first()
        .asString()
        .contains("order received: 1 x bolt");
  }

  @Test
  void readsStandardInput() {
    String logs =
        "garbage\n{\"@timestamp\":\"2026-11-23T14:00:00Z\",\"message\":\"hi\","
            + "\"service.name\":\"orders\",\"correlation_id\":\"c\"}\n";

    Run r = run(new ByteArrayInputStream(logs.getBytes(StandardCharsets.UTF_8)), "--id", "c");

    assertThat(r.out()).contains("orders").contains("hi");
    assertThat(r.err()).contains("read 2 lines from 1 source: 1 JSON events, 1 not JSON");
  }

  @Test
  void exitsWithOneWhenNothingMatches() {
    Run r = run("--id", "nobody", "-q", fixtures());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).startsWith("Timeline of nobody: 0 lines from 0 services ()");
  }

  @Test
  void exitsWithTwoOnUsageOrReadErrors() {
    assertThat(run("--level", "loud").status()).isEqualTo(2);
    Run missing = run(fixtures() + "/does-not-exist.log");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file or directory");
  }

  @Test
  void printsUsageOnHelp() {
    Run r = run("--help");

    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("Usage: log-query").contains("--summary");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecs", "logstash", "gcp"})
  void followsEveryOrderOfTheExampleServicesInEachProfile(String profile) throws Exception {
    Path logs = Path.of(LogQueryTest.class.getResource("/example-logs/" + profile).toURI());
    List<String[]> orders =
        Files.readAllLines(logs.resolve("orders.ids")).stream().map(l -> l.split(" ")).toList();
    assertThat(orders).hasSize(5);

    for (String[] order : orders) {
      Run r = run("--id", order[0], logs.toString());

      assertThat(r.status()).isZero();
      String header = r.out().lines().findFirst().orElseThrow();
      if (order[1].equals("PLACED")) {
        assertThat(header).contains("5 lines from 3 services (orders, inventory, shipping)");
      } else {
        assertThat(header).contains("3 lines from 2 services (orders, inventory)");
      }
      assertThat(r.out()).contains(order[2]);
      assertThat(r.err()).contains("0 not JSON, 0 malformed");
    }
    Run summary = run("--summary", "-q", logs.toString());
    assertThat(summary.out().lines().toList())
        .filteredOn(l -> l.contains("orders,inventory,shipping"))
        .hasSize(4);
    Run warnings = run("--level", "WARN", "-q", logs.toString());
    assertThat(warnings.out().lines().toList())
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains(" WARN ").contains("gadget"));
  }

  @Test
  void givesTheSameTimelineWhenTheExampleLogsArriveInterleavedAndTorn() throws Exception {
    Path logs = Path.of(LogQueryTest.class.getResource("/example-logs/ecs").toURI());
    String id = Files.readAllLines(logs.resolve("orders.ids")).get(0).split(" ")[0];
    List<String> lines = new ArrayList<>();
    for (String name : List.of("orders", "inventory-1", "inventory-2", "shipping")) {
      lines.addAll(Files.readAllLines(logs.resolve(name + ".log")));
    }
    java.util.Collections.shuffle(lines, new java.util.Random(42));
    String torn = lines.get(0);
    lines.add(3, torn.substring(0, torn.length() / 2));
    lines.add(7, "Exception in thread \"main\" java.lang.IllegalStateException: boom");
    byte[] stdin = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);

    Run fromFiles = run("--id", id, "-q", logs.toString());
    Run fromStream = run(new ByteArrayInputStream(stdin), "--id", id);

    assertThat(fromStream.out().lines().skip(1).map(l -> l.replaceAll("\\s+", " ")).toList())
        .isEqualTo(fromFiles.out().lines().skip(1).map(l -> l.replaceAll("\\s+", " ")).toList());
    assertThat(fromStream.err()).contains("1 not JSON, 1 malformed");
  }

  @Test
  void survivesHostileInput() {
    List<String> lines = new ArrayList<>();
    lines.add("{".repeat(50_000));
    lines.add("{\"message\":\"\\u001b[2Jclear\",\"correlation_id\":\"c-x\"}");
    lines.add("\u0000\u0001binary");
    Run r =
        run(
            new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
            "--id",
            "c-x");

    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("\\u001b[2Jclear").doesNotContain("\u001b");
    assertThat(r.err()).contains("1 not JSON, 1 malformed");
  }
}
