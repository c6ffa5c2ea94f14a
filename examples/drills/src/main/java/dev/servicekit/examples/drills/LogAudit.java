package dev.servicekit.examples.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the processes' log files hold: how many lines are not one JSON object, and how many lines
 * each instance wrote per correlation ID. A line still being written (no {@code \n} yet) is left
 * for a later audit unless the audit is final.
 */
final class LogAudit {

  /** Lines orders writes for a placed order: received, reserved, placed. */
  static final int ORDERS_LINES_PER_ORDER = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, Integer>> byInstance = new HashMap<>();
  private long lines;
  private long invalid;

  private LogAudit() {}

  /**
   * Reads every file.
   *
   * @param files log files by instance (several files when the instance was restarted)
   * @param last true when no process writes any more: an unterminated last line counts
   */
  static LogAudit read(Map<String, List<Path>> files, boolean last) throws IOException {
    LogAudit audit = new LogAudit();
    for (Map.Entry<String, List<Path>> e : files.entrySet()) {
      Map<String, Integer> counts =
          audit.byInstance.computeIfAbsent(e.getKey(), k -> new HashMap<>());
      for (Path file : e.getValue()) {
        if (Files.exists(file)) {
          audit.readFile(file, counts, last);
        }
      }
    }
    return audit;
  }

  private void readFile(Path file, Map<String, Integer> counts, boolean last) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0 && !last) {
        return;
      }
      String line = text.substring(start, end < 0 ? text.length() : end);
      start = end < 0 ? text.length() : end + 1;
      lines++;
      JsonNode node = parse(line);
      if (node == null) {
        invalid++;
      } else if (node.hasNonNull("correlation_id")) {
        counts.merge(node.get("correlation_id").asText(), 1, Integer::sum);
      }
    }
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Lines read. */
  long lines() {
    return lines;
  }

  /** Lines that are not one JSON object. */
  long invalid() {
    return invalid;
  }

  /** How many lines {@code instance} wrote under {@code correlationId}. */
  int count(String instance, String correlationId) {
    return byInstance.getOrDefault(instance, Map.of()).getOrDefault(correlationId, 0);
  }

  /**
   * The expected lines missing for the placed orders: {@value #ORDERS_LINES_PER_ORDER} in orders,
   * one in the inventory instance that reserved the stock, one in shipping.
   */
  int missing(List<OrderStream.Outcome> outcomes) {
    int missing = 0;
    for (OrderStream.Outcome o : outcomes) {
      if (!o.placed()) {
        continue;
      }
      missing += Math.max(0, ORDERS_LINES_PER_ORDER - count("orders-1", o.correlationId()));
      missing += count(o.instance(), o.correlationId()) > 0 ? 0 : 1;
      missing += count("shipping-1", o.correlationId()) > 0 ? 0 : 1;
    }
    return missing;
  }
}
