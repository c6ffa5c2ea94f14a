package dev.servicekit.examples.logquery;

import static dev.servicekit.examples.logquery.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static String print(List<LogEvent> events, Optional<String> id) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Timeline.print(events, id, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static final List<LogEvent> FLOW =
      List.of(
          event("2026-11-23T14:16:23.120Z", "orders", Level.INFO, "c-1", "order received"),
          new LogEvent(
              Optional.of(Instant.parse("2026-11-23T14:16:23.140Z")),
              Level.INFO,
              "inventory",
              "inventory-2",
              "",
              "reserved",
              "c-1",
              "",
              "",
              "f",
              2,
              "{}"),
          new LogEvent(
              Optional.of(Instant.parse("2026-11-23T14:16:23.303Z")),
              Level.ERROR,
              "shipping",
              "",
              "",
              "printer\nunavailable",
              "c-1",
              "",
              "java.net.ConnectException: refused",
              "f",
              3,
              "{}"));

  @Test
  void headerDescribesTheWholeFlow() {
    assertThat(Timeline.header("c-1", FLOW))
        .isEqualTo(
            "Timeline of c-1: 3 lines from 3 services (orders, inventory, shipping),"
                + " 2026-11-23T14:16:23.120Z to 2026-11-23T14:16:23.303Z (183 ms), 1 error");
  }

  @Test
  void printsOneLinePerEventWithOffsetInstanceAndError() {
    String out = print(FLOW, Optional.of("c-1"));

    assertThat(out.lines().toList())
        .containsExactly(
            Timeline.header("c-1", FLOW),
            "2026-11-23T14:16:23.120Z      +0 ms  orders                 INFO   order received",
            "2026-11-23T14:16:23.140Z     +20 ms  inventory[inventory-2] INFO   reserved",
            "2026-11-23T14:16:23.303Z    +183 ms  shipping               ERROR  printer\\nunavailable",
            " ".repeat(67) + "! java.net.ConnectException: refused");
  }

  @Test
  void showsTheCorrelationIdColumnWhenNotFollowingOneId() {
    String out =
        print(
            List.of(
                event("2026-11-23T14:16:23.120Z", "orders", Level.INFO, "c-1", "a"),
                event(null, "orders", Level.UNKNOWN, "", "b")),
            Optional.empty());

    assertThat(out.lines().toList())
        .containsExactly(
            "2026-11-23T14:16:23.120Z      +0 ms  orders INFO  c-1  a",
            "(no time)                            orders -     -    b");
  }
}
