package dev.servicekit.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 and of OpenMetrics 1.0.0 text, following the
 * line grammar of both specifications: every line is a {@code # HELP}, {@code # TYPE} (or, in
 * OpenMetrics, {@code # UNIT} / {@code # EOF}) line or a sample whose name belongs to a family
 * typed before it. Throws {@link IllegalArgumentException} naming the first offending line.
 */
final class Exposition {

  /** One sample: metric name, labels in order, value as written. */
  record Sample(String name, Map<String, String> labels, String value) {}

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";
  private static final String VALUE = "(?:[+-]?Inf|NaN|[+-]?[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ")(?: (.*))?");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ("
              + NAME
              + ") (counter|gauge|histogram|summary|untyped|unknown|info"
              + "|stateset|gaugehistogram)");
  private static final Pattern UNIT = Pattern.compile("# UNIT (" + NAME + ") ([a-zA-Z0-9_:]*)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "(" + NAME + ")(\\{(.*)})? (" + VALUE + ")(?: (-?[0-9]+(?:\\.[0-9]+)?))?" + "(?: # .*)?");
  private static final Pattern PAIR =
      Pattern.compile("(" + LABEL + ")=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Set<String> TEXT_SUFFIXES = Set.of("", "_sum", "_count", "_bucket");
  private static final Set<String> OM_SUFFIXES =
      Set.of("", "_total", "_created", "_sum", "_count", "_bucket", "_info", "_gsum", "_gcount");

  final Map<String, String> types = new LinkedHashMap<>();
  final List<Sample> samples = new ArrayList<>();

  private Exposition() {}

  /** Parses the Prometheus text format 0.0.4. */
  static Exposition text(String body) {
    return parse(body, false);
  }

  /** Parses OpenMetrics text, which must end with {@code # EOF}. */
  static Exposition openMetrics(String body) {
    if (!body.endsWith("# EOF\n")) {
      throw new IllegalArgumentException("OpenMetrics must end with '# EOF\\n'");
    }
    return parse(body.substring(0, body.length() - "# EOF\n".length()), true);
  }

  private static Exposition parse(String body, boolean openMetrics) {
    Exposition e = new Exposition();
    if (!body.isEmpty() && !body.endsWith("\n")) {
      throw new IllegalArgumentException("the last line must end with \\n");
    }
    Map<String, Integer> helps = new HashMap<>();
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (helps.merge(m.group(1), 1, Integer::sum) > 1) {
          throw bad(i, line, "second HELP for the family");
        }
      } else if ((m = TYPE.matcher(line)).matches()) {
        if (e.types.put(m.group(1), m.group(2)) != null) {
          throw bad(i, line, "second TYPE for the family");
        }
      } else if (openMetrics && UNIT.matcher(line).matches()) {
        continue;
      } else if (line.startsWith("#")) {
        if (openMetrics || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
          throw bad(i, line, "unknown descriptor");
        }
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        Sample s = new Sample(m.group(1), labels(i, line, m.group(3)), m.group(4));
        if (family(e.types, s.name(), openMetrics ? OM_SUFFIXES : TEXT_SUFFIXES) == null) {
          throw bad(i, line, "sample of no typed family");
        }
        e.samples.add(s);
      } else if (!(line.isBlank() && !openMetrics)) {
        throw bad(i, line, "not a valid line");
      }
    }
    return e;
  }

  private static String family(Map<String, String> types, String name, Set<String> suffixes) {
    for (String suffix : suffixes) {
      if (name.endsWith(suffix)) {
        String family = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(family)) {
          return family;
        }
      }
    }
    return null;
  }

  private static Map<String, String> labels(int i, String line, String inner) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (inner == null || inner.isEmpty()) {
      return labels;
    }
    Matcher m = PAIR.matcher(inner);
    int at = 0;
    while (at < inner.length()) {
      if (!m.find(at) || m.start() != at) {
        throw bad(i, line, "malformed labels");
      }
      if (labels.put(m.group(1), m.group(2)) != null) {
        throw bad(i, line, "duplicate label " + m.group(1));
      }
      at = m.end();
    }
    return labels;
  }

  private static IllegalArgumentException bad(int i, String line, String why) {
    return new IllegalArgumentException("line " + (i + 1) + ": " + why + ": " + line);
  }

  /** The samples named {@code name}. */
  List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }
}
