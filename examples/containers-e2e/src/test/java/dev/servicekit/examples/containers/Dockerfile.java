package dev.servicekit.examples.containers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the builders read it (continuation lines, comments, exec-form JSON
 * arrays, {@code key=value} pairs), keeping the line of every instruction, and the mistakes found
 * on the way as {@code file:line: message}. A lint for the example Dockerfiles, not a full parser:
 * enough to name the line of a broken {@code ENV} before a build gets there.
 */
final class Dockerfile {

  private static final Set<String> INSTRUCTIONS =
      Set.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");
  private static final Set<String> EXEC_FORM = Set.of("CMD", "ENTRYPOINT", "RUN", "SHELL");
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  /** One instruction: its keyword in upper case, its arguments (continuations joined). */
  record Instruction(String keyword, String args, int line) {}

  private final String name;
  private final List<Instruction> instructions = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  private Dockerfile(String name) {
    this.name = name;
  }

  static Dockerfile read(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  static Dockerfile parse(String name, String text) {
    Dockerfile d = new Dockerfile(name);
    d.parse(text.split("\n", -1));
    return d;
  }

  List<Instruction> instructions() {
    return instructions;
  }

  /** Every mistake found, as {@code file:line: message}; empty for a good file. */
  List<String> errors() {
    return errors;
  }

  /** The last instruction with this keyword, if any. */
  java.util.Optional<Instruction> last(String keyword) {
    Instruction found = null;
    for (Instruction i : instructions) {
      if (i.keyword().equals(keyword)) {
        found = i;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  /** The {@code ENV} values after the last {@code FROM}, in order. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (Instruction i : instructions) {
      if (i.keyword().equals("FROM")) {
        env.clear();
      } else if (i.keyword().equals("ENV")) {
        for (String word : words(i.args())) {
          int eq = word.indexOf('=');
          if (eq > 0) {
            env.put(word.substring(0, eq), unquote(word.substring(eq + 1)));
          }
        }
      }
    }
    return env;
  }

  /** Reads the exec form of an instruction's arguments, or null when it is not one. */
  static List<String> execForm(String args) {
    if (!args.startsWith("[")) {
      return null;
    }
    try {
      JsonNode node = JsonLines.JSON.readTree(args);
      List<String> out = new ArrayList<>();
      node.forEach(n -> out.add(n.asText()));
      return out;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private void parse(String[] lines) {
    int i = 0;
    boolean from = false;
    while (i < lines.length) {
      String first = lines[i].strip();
      if (first.isEmpty() || first.startsWith("#")) {
        i++;
        continue;
      }
      int start = i + 1;
      StringBuilder joined = new StringBuilder();
      List<int[]> segments = new ArrayList<>(); // {offset in joined, line number}
      boolean continued;
      do {
        String text = lines[i];
        i++;
        if (joined.length() > 0 && text.strip().startsWith("#")) {
          continued = true; // a comment line inside a continuation is dropped by the builders
          continue;
        }
        String stripped = text.stripTrailing();
        continued = stripped.endsWith("\\");
        segments.add(new int[] {joined.length(), i});
        joined.append(continued ? stripped.substring(0, stripped.length() - 1) : stripped);
        joined.append(' ');
      } while (continued && i < lines.length);
      if (continued) {
        error(start, "the last line ends with a continuation backslash");
      }
      String all = joined.toString().strip();
      int space = all.indexOf(' ');
      String keyword =
          (space < 0 ? all : all.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
      String args = space < 0 ? "" : all.substring(space + 1).strip();
      if (!INSTRUCTIONS.contains(keyword)) {
        error(start, "unknown instruction " + keyword);
        continue;
      }
      if (!from && !keyword.equals("FROM") && !keyword.equals("ARG")) {
        error(start, keyword + " before FROM");
      }
      from |= keyword.equals("FROM");
      instructions.add(new Instruction(keyword, args, start));
      check(keyword, args, start, joined.toString(), segments);
    }
    if (!from) {
      error(1, "no FROM instruction");
    }
  }

  private void check(String keyword, String args, int line, String joined, List<int[]> segments) {
    if (args.isEmpty()) {
      error(line, keyword + " has no arguments");
      return;
    }
    if (EXEC_FORM.contains(keyword) && args.startsWith("[") && execForm(args) == null) {
      error(line, keyword + " looks like the exec form but is not a JSON array of strings");
    }
    if (keyword.equals("HEALTHCHECK")) {
      List<String> words = words(args);
      int cmd = words.indexOf("CMD");
      if (!words.equals(List.of("NONE")) && (cmd < 0 || cmd == words.size() - 1)) {
        error(line, "HEALTHCHECK needs CMD <command> or NONE");
      }
    }
    if (keyword.equals("ENV") || keyword.equals("LABEL")) {
      List<String> words = words(args);
      boolean legacy = keyword.equals("ENV") && !words.get(0).contains("=");
      if (legacy) {
        return; // ENV KEY value...: the old one-variable form
      }
      int from = joined.indexOf(args.substring(0, Math.min(args.length(), 8)));
      for (String word : words) {
        int at = joined.indexOf(word, from);
        from = at < 0 ? from : at + word.length();
        int eq = word.indexOf('=');
        String key = eq > 0 ? unquote(word.substring(0, eq)) : "";
        if (eq <= 0 || (keyword.equals("ENV") && !KEY.matcher(key).matches())) {
          error(
              lineAt(segments, at, line),
              keyword + " expects key=value pairs, found \"" + word + "\"");
        }
      }
    }
  }

  private static int lineAt(List<int[]> segments, int offset, int fallback) {
    int line = fallback;
    for (int[] s : segments) {
      if (offset >= s[0]) {
        line = s[1];
      }
    }
    return line;
  }

  private void error(int line, String message) {
    errors.add(name + ":" + line + ": " + message);
  }

  /** Splits on blanks outside double or single quotes. */
  static List<String> words(String args) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (char c : args.toCharArray()) {
      if (quote != 0) {
        word.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        word.append(c);
      } else if (Character.isWhitespace(c)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && (s.charAt(0) == '"' || s.charAt(0) == '\'')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
