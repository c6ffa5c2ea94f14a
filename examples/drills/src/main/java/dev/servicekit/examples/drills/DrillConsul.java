package dev.servicekit.examples.drills;

import dev.servicekit.testing.LocalConsul;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The drills' agent process: a {@link LocalConsul} with the reaper shortened (so that {@code
 * DeregisterCriticalServiceAfter} can be seen at work in seconds) and its fault controls driven by
 * the runner through this process's stdin, one command a line:
 *
 * <pre>
 * latency MILLIS      delay every API answer (0 for none)
 * fail STATUS         answer every API request with STATUS until cleared
 * clear               remove every fault
 * count REGEX         how many requests whose path matches REGEX arrived
 * </pre>
 *
 * Each command is answered by one stdout line starting with {@code control: }. The control channel
 * is the pipe the runner holds, so nothing else can inject faults. Stops when stdin closes or on
 * SIGTERM; a SIGKILL is the crash the drills want.
 */
public final class DrillConsul {

  /** The prefix of every answer to a command. */
  static final String ANSWER = "control: ";

  private DrillConsul() {}

  /**
   * Runs the agent. Arguments: {@code --port N} (0 for a free port; the drills pass a fixed one so
   * that a restarted agent has the same address).
   *
   * @param args the command line
   * @throws Exception when the agent cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = 0;
    if (args.length == 2 && args[0].equals("--port")) {
      port = Integer.parseInt(args[1]);
    } else if (args.length != 0) {
      System.err.println("usage: DrillConsul [--port N]");
      System.exit(2);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    LocalConsul consul =
        LocalConsul.builder()
            .port(port)
            .minimumDeregisterInterval(Duration.ofSeconds(1))
            .reapInterval(Duration.ofMillis(500))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(consul::close, "drill-consul-stop"));
    out.println("export CONSUL_HTTP_ADDR=" + consul.httpAddress());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      out.println(ANSWER + command(consul, line.trim()));
    }
    consul.close();
  }

  /** Applies one control command; the answer line (without the prefix). */
  static String command(LocalConsul consul, String line) {
    String[] words = line.split(" ", 2);
    if (words.length < 2 && !words[0].equals("clear")) {
      return words[0].equals("latency") || words[0].equals("fail") || words[0].equals("count")
          ? "error " + words[0] + " needs a value"
          : "error unknown command " + words[0];
    }
    try {
      switch (words[0]) {
        case "latency" -> {
          consul.injectLatency(Duration.ofMillis(Long.parseLong(words[1])));
          return "ok";
        }
        case "fail" -> {
          consul.failRequestsMatching(".*", Integer.parseInt(words[1]), "injected fault");
          return "ok";
        }
        case "clear" -> {
          consul.clearFaults();
          return "ok";
        }
        case "count" -> {
          Pattern path = Pattern.compile(words[1]);
          return Long.toString(
              consul.requests().stream().filter(r -> path.matcher(r.path()).matches()).count());
        }
        default -> {
          return "error unknown command " + words[0];
        }
      }
    } catch (RuntimeException e) {
      return "error " + e;
    }
  }
}
