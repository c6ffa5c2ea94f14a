package dev.servicekit.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shared table of value grammar cases ({@code grammar-cases.txt}), in servicekit-config's test
 * jar so that the tests of every module read the same cases.
 */
public final class GrammarCases {

  /** The expected value of a rejected input. */
  public static final String INVALID = "invalid";

  private static final List<Case> ALL = load();

  private GrammarCases() {}

  /**
   * One row of the table.
   *
   * @param kind boolean, duration, int, port, enum or otel
   * @param input the raw input, escapes resolved
   * @param expected the expected value in the table's canonical form, or {@code invalid}
   * @param line the line number in the file, for failure messages
   */
  public record Case(String kind, String input, String expected, int line) {

    /** Whether the input must be rejected. */
    public boolean invalid() {
      return INVALID.equals(expected);
    }

    @Override
    public String toString() {
      return kind + " '" + input + "' -> " + expected + " (line " + line + ")";
    }
  }

  /** The rows of one kind, in file order. */
  public static List<Case> of(String kind) {
    List<Case> cases = ALL.stream().filter(c -> c.kind().equals(kind)).toList();
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("no grammar cases of kind " + kind);
    }
    return cases;
  }

  /** The table's canonical form of parsed resource attributes: {@code k=v ; k2=v2}. */
  public static String attributes(Map<String, String> attributes) {
    return attributes.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ; "));
  }

  private static List<Case> load() {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = GrammarCases.class.getResourceAsStream("grammar-cases.txt")) {
      if (in == null) {
        throw new IllegalStateException("grammar-cases.txt is not on the test class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" \\| ", -1);
        if (parts.length != 3) {
          throw new IllegalStateException("grammar-cases.txt line " + number + ": " + line);
        }
        cases.add(new Case(parts[0].trim(), unescape(parts[1]), unescape(parts[2].trim()), number));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(cases);
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == 's') {
          out.append(' ');
          i++;
          continue;
        } else if (n == 't') {
          out.append('\t');
          i++;
          continue;
        } else if (n == 'u' && i + 5 < s.length()) {
          out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
          i += 5;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
