package dev.servicekit.examples.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAuditTest {

  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static String line(String cid) {
    return "{\"message\":\"m\",\"correlation_id\":\"" + cid + "\"}\n";
  }

  @Test
  void countsLinesThatAreNotOneJsonObject() throws Exception {
    Path log = file("a.log", line("x") + "not json\n[1,2]\n{\"torn\":\n" + line("y"));

    LogAudit audit = LogAudit.read(Map.of("a", List.of(log)), true);

    assertThat(audit.lines()).isEqualTo(5);
    assertThat(audit.invalid()).isEqualTo(3);
  }

  @Test
  void leavesALineStillBeingWrittenUnlessTheAuditIsFinal() throws Exception {
    Path log = file("a.log", line("x") + "{\"half\":");

    assertThat(LogAudit.read(Map.of("a", List.of(log)), false).invalid()).isZero();
    assertThat(LogAudit.read(Map.of("a", List.of(log)), true).invalid()).isEqualTo(1);
  }

  @Test
  void countsLinesPerInstanceAndCorrelationIdAcrossRestartFiles() throws Exception {
    Path first = file("i.log", line("c1"));
    Path second = file("i.2.log", line("c1") + line("c2"));

    LogAudit audit = LogAudit.read(Map.of("inventory-2", List.of(first, second)), true);

    assertThat(audit.count("inventory-2", "c1")).isEqualTo(2);
    assertThat(audit.count("inventory-2", "c2")).isEqualTo(1);
    assertThat(audit.count("inventory-1", "c1")).isZero();
  }

  @Test
  void missingCountsTheExpectedLinesOfPlacedOrdersOnly() throws Exception {
    Path orders = file("o.log", line("c1") + line("c1") + line("c1") + line("c2"));
    Path inventory = file("i.log", line("c1"));
    Path shipping = file("s.log", line("c2"));
    LogAudit audit =
        LogAudit.read(
            Map.of(
                "orders-1", List.of(orders),
                "inventory-1", List.of(inventory),
                "shipping-1", List.of(shipping)),
            true);
    List<OrderStream.Outcome> outcomes =
        List.of(
            new OrderStream.Outcome(0, "c1", 0, 1, 201, "o1", "inventory-1", ""),
            new OrderStream.Outcome(1, "c2", 0, 1, 201, "o2", "inventory-1", ""),
            new OrderStream.Outcome(2, "c3", 0, 1, 503, "o3", "", "down"));

    // c1: shipping line missing (1). c2: two orders lines and the inventory line missing (3).
    assertThat(audit.missing(outcomes)).isEqualTo(4);
  }
}
