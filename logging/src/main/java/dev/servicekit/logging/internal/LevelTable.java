package dev.servicekit.logging.internal;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.event.Level;

/**
 * Immutable thresholds: a root level plus levels for logger-name prefixes. A prefix matches a
 * logger whose name equals it or continues it after a dot ({@code com.acme} matches {@code
 * com.acme.Orders} but not {@code com.acmex}); the longest matching prefix wins.
 */
public final class LevelTable {

  /** Threshold that no level reaches. */
  public static final int OFF = Integer.MAX_VALUE;

  private final int root;
  private final Map<String, Integer> prefixes;

  LevelTable(int root, Map<String, Integer> prefixes) {
    this.root = root;
    this.prefixes = Collections.unmodifiableMap(new TreeMap<>(prefixes));
  }

  /** The threshold for everything: INFO and above. */
  static LevelTable defaults() {
    return new LevelTable(Level.INFO.toInt(), Map.of());
  }

  int root() {
    return root;
  }

  Map<String, Integer> prefixes() {
    return prefixes;
  }

  /** The smallest SLF4J level number that is enabled for a logger name. */
  public int threshold(String loggerName) {
    String name = loggerName;
    while (true) {
      Integer t = prefixes.get(name);
      if (t != null) {
        return t;
      }
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        return root;
      }
      name = name.substring(0, dot);
    }
  }

  /** A copy with another root threshold. */
  public LevelTable withRoot(int threshold) {
    return new LevelTable(threshold, prefixes);
  }

  /** A copy with a threshold for a prefix. */
  public LevelTable with(String prefix, int threshold) {
    TreeMap<String, Integer> copy = new TreeMap<>(prefixes);
    copy.put(prefix, threshold);
    return new LevelTable(root, copy);
  }

  /** A copy without the threshold of a prefix. */
  public LevelTable without(String prefix) {
    TreeMap<String, Integer> copy = new TreeMap<>(prefixes);
    copy.remove(prefix);
    return new LevelTable(root, copy);
  }

  /** Parses trace, debug, info, warn (warning), error or off; -1 when the text is none of them. */
  public static int parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "trace":
      case "all":
        return Level.TRACE.toInt();
      case "debug":
        return Level.DEBUG.toInt();
      case "info":
        return Level.INFO.toInt();
      case "warn":
      case "warning":
        return Level.WARN.toInt();
      case "error":
        return Level.ERROR.toInt();
      case "off":
      case "none":
        return OFF;
      default:
        return -1;
    }
  }

  /** The lowest threshold of the root and every prefix: the most verbose level any logger has. */
  int mostVerbose() {
    int min = root;
    for (int t : prefixes.values()) {
      min = Math.min(min, t);
    }
    return min;
  }

  /** The level name of a threshold: TRACE ... ERROR or OFF. */
  public static String name(int threshold) {
    return threshold == OFF ? "OFF" : Level.intToLevel(threshold).name();
  }
}
