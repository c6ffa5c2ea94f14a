package dev.servicekit.examples.logquery;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code log-query} command: reads JSON log lines written by several services (files,
 * directories or standard input) and prints the lines of one correlation ID as a timeline, a
 * filtered timeline of everything, or a summary per correlation ID.
 *
 * <pre>{@code
 * java -jar log-query.jar --id 4bf92f3577b34da6 logs/
 * java -jar log-query.jar --summary --level WARN logs/orders.log logs/shipping.log
 * kubectl logs deploy/orders | java -jar log-query.jar --service orders -
 * }</pre>
 *
 * <p>Lines that are not JSON objects (JVM warnings, stack traces on stderr, truncated writes) are
 * counted and skipped; the counts go to standard error unless {@code --quiet}. Exit status is 0
 * when some line matched, 1 when none did, 2 for a bad command line or an unreadable input.
 */
public final class LogQuery {

  private LogQuery() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args the command line; {@code --help} describes it
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(Arrays.asList(args), System.in, out, err);
    out.flush();
    System.exit(status);
  }

  /**
   * Runs the command without exiting; the streams are the command's standard input, output and
   * error.
   *
   * @return the exit status: 0 matched, 1 nothing matched, 2 usage or read error
   */
  public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
    QueryOptions options;
    try {
      options = QueryOptions.parse(args);
    } catch (QueryOptions.UsageException e) {
      err.println("log-query: " + e.getMessage());
      err.println("Try 'log-query --help'.");
      return 2;
    }
    if (options.mode() == QueryOptions.Mode.HELP) {
      out.print(QueryOptions.usage());
      out.flush();
      return 0;
    }
    if (options.mode() == QueryOptions.Mode.COMPLETION) {
      out.print(QueryOptions.completion());
      out.flush();
      return 0;
    }
    LogScan.Result result;
    try {
      result = LogScan.scan(LogSources.expand(options.inputs()), stdin, new EventFilter(options));
    } catch (IOException | RuntimeException e) {
      err.println(
          "log-query: cannot read input: " + Text.printable(String.valueOf(e.getMessage())));
      return 2;
    }
    switch (options.mode()) {
      case SUMMARY -> CorrelationSummary.print(result.events(), out);
      case JSON -> result.events().forEach(e -> out.println(e.raw()));
      default -> Timeline.print(result.events(), options.id(), out);
    }
    out.flush();
    if (!options.quiet()) {
      err.println(statistics(result.stats()));
    }
    return result.events().isEmpty() ? 1 : 0;
  }

  private static String statistics(LogScan.Stats s) {
    StringBuilder sb = new StringBuilder("log-query: read ");
    sb.append(s.lines()).append(" lines from ").append(s.sources());
    sb.append(s.sources() == 1 ? " source: " : " sources: ");
    sb.append(s.events()).append(" JSON events, ");
    sb.append(s.notJson()).append(" not JSON, ");
    sb.append(s.malformed()).append(" malformed JSON skipped; ");
    sb.append(s.kept()).append(" matched");
    return sb.toString();
  }
}
