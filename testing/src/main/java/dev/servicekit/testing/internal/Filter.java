package dev.servicekit.testing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Consul's {@code ?filter} expressions (the documented go-bexpr grammar): {@code ==}, {@code !=},
 * {@code in}, {@code not in}, {@code contains}, {@code not contains}, {@code is empty}, {@code is
 * not empty}, {@code matches}, {@code not matches}, joined with {@code and}, {@code or}, {@code
 * not} and parentheses; values double-quoted, back-quoted or bare; selectors dotted ({@code
 * Service.Meta.env}) or indexed ({@code Meta["env"]}). A selector that goes through a list ({@code
 * Checks.Status}) matches when any element does. A map key that is absent makes {@code ==}, {@code
 * contains}, {@code in} and {@code matches} false and their negations true.
 *
 * <p>Expressions are checked against the endpoint's {@link FilterSchema} when parsed; a syntax
 * error, an unknown selector, or a value of the wrong type is an {@link ApiException} 400 starting
 * {@code Failed to create evaluator for expression: }, as Consul answers.
 */
final class Filter implements Predicate<Object> {
  private static final String PREFIX = "Failed to create evaluator for expression: ";

  private final Node root;

  private Filter(Node root) {
    this.root = root;
  }

  /**
   * Parses and checks an expression.
   *
   * @param expression the {@code filter} query parameter
   * @param schema the shape of each item the endpoint filters
   * @return the filter
   * @throws ApiException 400 when the expression is invalid for this endpoint
   */
  public static Filter parse(String expression, FilterSchema schema) {
    Parser p = new Parser(expression, schema);
    Node n = p.orExpr();
    p.skipSpace();
    if (p.pos < expression.length()) {
      throw p.error("unexpected " + GoQuote.quote(expression.substring(p.pos)));
    }
    return new Filter(n);
  }

  /**
   * The request's {@code ?filter}, checked against the endpoint's schema.
   *
   * @param request the request
   * @param schema the shape of each item the endpoint filters
   * @return the filter; one that keeps everything when the parameter is absent or empty
   * @throws ApiException 400 when the expression is invalid
   */
  public static Predicate<Object> of(ApiRequest request, FilterSchema schema) {
    String expression = request.param("filter");
    if (expression == null || expression.isBlank()) {
      return item -> true;
    }
    return parse(expression, schema);
  }

  /**
   * Refuses {@code ?filter} on an endpoint where Consul evaluates it but this agent does not, so
   * that unfiltered data is never taken for filtered.
   *
   * @param request the request
   * @throws ApiException 400 when a filter is given
   */
  public static void refuse(ApiRequest request) {
    String expression = request.param("filter");
    if (expression != null && !expression.isBlank()) {
      throw ApiException.badRequest(
          PREFIX + "LocalConsul does not evaluate ?filter on " + request.path());
    }
  }

  /**
   * Whether an item (a rendered view: maps, lists, strings, numbers, booleans) matches.
   *
   * @param item the item
   * @return true when it matches
   */
  @Override
  public boolean test(Object item) {
    return root.eval(item);
  }

  private interface Node {
    boolean eval(Object item);
  }

  private enum Op {
    EQ,
    NE,
    IN,
    NOT_IN,
    EMPTY,
    NOT_EMPTY,
    MATCHES,
    NOT_MATCHES
  }

  private record Match(List<String> path, Op op, Object value, Pattern regex) implements Node {
    @Override
    public boolean eval(Object item) {
      List<Object> found = new ArrayList<>();
      resolve(item, path, 0, found);
      switch (op) {
        case EQ:
          return found.stream().anyMatch(v -> same(v, value));
        case NE:
          return found.stream().noneMatch(v -> same(v, value));
        case IN:
          return found.stream().anyMatch(v -> holds(v, value));
        case NOT_IN:
          return found.stream().noneMatch(v -> holds(v, value));
        case EMPTY:
          return found.stream().allMatch(Filter::isEmpty);
        case NOT_EMPTY:
          return !found.stream().allMatch(Filter::isEmpty);
        case MATCHES:
          return found.stream()
              .anyMatch(v -> v instanceof String && regex.matcher((String) v).find());
        default:
          return found.stream()
              .noneMatch(v -> v instanceof String && regex.matcher((String) v).find());
      }
    }
  }

  private static void resolve(Object at, List<String> path, int i, List<Object> out) {
    if (at instanceof List && i < path.size()) {
      for (Object element : (List<?>) at) {
        resolve(element, path, i, out);
      }
      return;
    }
    if (i == path.size()) {
      out.add(at);
      return;
    }
    if (at instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) at;
      if (m.containsKey(path.get(i))) {
        resolve(m.get(path.get(i)), path, i + 1, out);
      }
    }
  }

  private static boolean same(Object actual, Object wanted) {
    if (actual instanceof java.lang.Number && wanted instanceof Long) {
      return ((java.lang.Number) actual).longValue() == (Long) wanted;
    }
    return wanted.equals(actual);
  }

  private static boolean holds(Object container, Object wanted) {
    if (container instanceof List) {
      return ((List<?>) container).stream().anyMatch(e -> same(e, wanted));
    }
    if (container instanceof Map) {
      return ((Map<?, ?>) container).containsKey(wanted);
    }
    return container instanceof String && ((String) container).contains(String.valueOf(wanted));
  }

  private static boolean isEmpty(Object v) {
    if (v == null) {
      return true;
    }
    if (v instanceof String) {
      return ((String) v).isEmpty();
    }
    if (v instanceof List) {
      return ((List<?>) v).isEmpty();
    }
    return v instanceof Map && ((Map<?, ?>) v).isEmpty();
  }

  /** Recursive descent over the expression text; {@code or} binds loosest, then {@code and}. */
  private static final class Parser {
    private final String text;
    private final FilterSchema schema;
    private int pos;

    Parser(String text, FilterSchema schema) {
      this.text = text;
      this.schema = schema;
    }

    ApiException error(String what) {
      return ApiException.badRequest(PREFIX + "1:" + (pos + 1) + " (" + pos + "): " + what);
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    /** Consumes a keyword when it comes next as a whole word. */
    boolean keyword(String word) {
      skipSpace();
      int end = pos + word.length();
      if (text.startsWith(word, pos) && (end == text.length() || !isWordChar(text.charAt(end)))) {
        pos = end;
        return true;
      }
      return false;
    }

    Node orExpr() {
      Node left = andExpr();
      while (keyword("or")) {
        Node l = left;
        Node r = andExpr();
        left = item -> l.eval(item) || r.eval(item);
      }
      return left;
    }

    Node andExpr() {
      Node left = notExpr();
      while (keyword("and")) {
        Node l = left;
        Node r = notExpr();
        left = item -> l.eval(item) && r.eval(item);
      }
      return left;
    }

    Node notExpr() {
      if (keyword("not")) {
        Node inner = notExpr();
        return item -> !inner.eval(item);
      }
      return primary();
    }

    Node primary() {
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '(') {
        pos++;
        Node inner = orExpr();
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != ')') {
          throw error("no match found, expected: \")\"");
        }
        pos++;
        return inner;
      }
      return match();
    }

    Node match() {
      skipSpace();
      int firstAt = pos;
      boolean firstQuoted =
          pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '`');
      String first = firstQuoted ? quoted() : word();
      if (first.isEmpty()) {
        throw error("no match found, expected: a selector or a value");
      }
      int afterFirst = pos;
      if (keyword("in")) {
        return valueFirst(first, Op.IN);
      }
      if (keyword("not")) {
        if (keyword("in")) {
          return valueFirst(first, Op.NOT_IN);
        }
        pos = afterFirst;
      }
      if (firstQuoted) {
        pos = afterFirst;
        throw error("no match found, expected: \"in\" or \"not in\" after a value");
      }
      List<String> path = selector(first, firstAt);
      FilterSchema leaf = typeOf(path, first);
      skipSpace();
      if (text.startsWith("==", pos) || text.startsWith("!=", pos)) {
        Op op = text.charAt(pos) == '=' ? Op.EQ : Op.NE;
        pos += 2;
        if (!(leaf instanceof FilterSchema.Text
            || leaf instanceof FilterSchema.Number
            || leaf instanceof FilterSchema.Bool)) {
          throw error(
              "Selector "
                  + GoQuote.quote(first)
                  + " cannot be compared with "
                  + (op == Op.EQ ? "==" : "!="));
        }
        return new Match(path, op, coerce(leaf, value(), first), null);
      }
      if (keyword("is")) {
        boolean negated = keyword("not");
        if (!keyword("empty")) {
          throw error("no match found, expected: \"empty\"");
        }
        if (!(leaf instanceof FilterSchema.Text
            || leaf instanceof FilterSchema.ListOf
            || leaf instanceof FilterSchema.MapOf)) {
          throw error("Selector " + GoQuote.quote(first) + " cannot be checked for emptiness");
        }
        return new Match(path, negated ? Op.NOT_EMPTY : Op.EMPTY, null, null);
      }
      boolean negated = keyword("not");
      if (keyword("contains")) {
        return contains(path, leaf, first, negated ? Op.NOT_IN : Op.IN, value());
      }
      if (keyword("matches")) {
        if (!(leaf instanceof FilterSchema.Text)) {
          throw error("Selector " + GoQuote.quote(first) + " is not a string and cannot match");
        }
        String regex = value();
        try {
          return new Match(
              path, negated ? Op.NOT_MATCHES : Op.MATCHES, regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
          throw error("Invalid regular expression " + GoQuote.quote(regex));
        }
      }
      throw error(
          "no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\","
              + " \"not\"");
    }

    private Node valueFirst(String value, Op op) {
      skipSpace();
      int at = pos;
      String sel = word();
      List<String> path = selector(sel, at);
      return contains(path, typeOf(path, sel), sel, op, value);
    }

    private Node contains(List<String> path, FilterSchema leaf, String sel, Op op, String value) {
      Object v = value;
      if (leaf instanceof FilterSchema.ListOf) {
        v = coerce(((FilterSchema.ListOf) leaf).element(), value, sel);
      } else if (!(leaf instanceof FilterSchema.MapOf || leaf instanceof FilterSchema.Text)) {
        throw error("Selector " + GoQuote.quote(sel) + " is not a list, map or string");
      }
      return new Match(path, op, v, null);
    }

    private Object coerce(FilterSchema leaf, String value, String sel) {
      if (leaf instanceof FilterSchema.Number) {
        try {
          return Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw error(
              "Invalid value "
                  + GoQuote.quote(value)
                  + " for selector "
                  + GoQuote.quote(sel)
                  + ": not an integer");
        }
      }
      if (leaf instanceof FilterSchema.Bool) {
        if (value.equals("true") || value.equals("false")) {
          return Boolean.valueOf(value);
        }
        throw error(
            "Invalid value "
                + GoQuote.quote(value)
                + " for selector "
                + GoQuote.quote(sel)
                + ": not a bool");
      }
      if (leaf instanceof FilterSchema.Text) {
        return value;
      }
      throw error("Selector " + GoQuote.quote(sel) + " does not hold plain values");
    }

    private FilterSchema typeOf(List<String> path, String sel) {
      FilterSchema at = schema;
      int i = 0;
      while (i < path.size()) {
        if (at instanceof FilterSchema.Struct) {
          FilterSchema next = ((FilterSchema.Struct) at).fields().get(path.get(i));
          if (next == null) {
            throw ApiException.badRequest(
                PREFIX + "Selector " + GoQuote.quote(sel) + " is not valid");
          }
          at = next;
          i++;
        } else if (at instanceof FilterSchema.MapOf) {
          at = ((FilterSchema.MapOf) at).value();
          i++;
        } else if (at instanceof FilterSchema.ListOf) {
          at = ((FilterSchema.ListOf) at).element();
        } else {
          throw ApiException.badRequest(
              PREFIX + "Selector " + GoQuote.quote(sel) + " is not valid");
        }
      }
      if (at instanceof FilterSchema.Struct) {
        throw ApiException.badRequest(PREFIX + "Selector " + GoQuote.quote(sel) + " is not valid");
      }
      return at;
    }

    /** Splits {@code Service.Meta["k"]} into its segments. */
    private List<String> selector(String sel, int at) {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      int i = 0;
      while (i < sel.length()) {
        char c = sel.charAt(i);
        if (c == '.') {
          if (cur.length() == 0 && (out.isEmpty() || sel.charAt(i - 1) != ']')) {
            pos = at + i;
            throw error("no match found, expected: a selector");
          }
          if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
          }
          i++;
        } else if (c == '[') {
          if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
          }
          int close = sel.indexOf(']', i);
          String key = sel.substring(i + 1, close).trim();
          if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '`')) {
            key = unquote(key);
          }
          out.add(key);
          i = close + 1;
        } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
          cur.append(c);
          i++;
        } else {
          pos = at + i;
          throw error("no match found, expected: a selector");
        }
      }
      if (cur.length() > 0) {
        out.add(cur.toString());
      }
      if (out.isEmpty()) {
        pos = at;
        throw error("no match found, expected: a selector");
      }
      return out;
    }

    private String value() {
      skipSpace();
      if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '`')) {
        return quoted();
      }
      String w = word();
      if (w.isEmpty()) {
        throw error("no match found, expected: a value");
      }
      return w;
    }

    /** A bare word: a selector or an unquoted value, brackets with quoted keys included. */
    private String word() {
      skipSpace();
      int start = pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '[') {
          int close = closingBracket(pos);
          if (close < 0) {
            throw error("no match found, expected: \"]\"");
          }
          pos = close + 1;
        } else if (isWordChar(c) || c == '.' || c == '/' || c == ':') {
          pos++;
        } else {
          break;
        }
      }
      return text.substring(start, pos);
    }

    private int closingBracket(int open) {
      int i = open + 1;
      char quote = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (quote != 0) {
          if (c == '\\' && quote == '"') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '`') {
          quote = c;
        } else if (c == ']') {
          return i;
        }
        i++;
      }
      return -1;
    }

    private String quoted() {
      char q = text.charAt(pos);
      int start = pos;
      int i = pos + 1;
      StringBuilder sb = new StringBuilder();
      while (i < text.length() && text.charAt(i) != q) {
        char c = text.charAt(i);
        if (q == '"' && c == '\\' && i + 1 < text.length()) {
          char n = text.charAt(i + 1);
          sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
          i += 2;
          continue;
        }
        sb.append(c);
        i++;
      }
      if (i >= text.length()) {
        pos = start;
        throw error("no match found, expected: a closing " + q);
      }
      pos = i + 1;
      return sb.toString();
    }

    private static String unquote(String key) {
      String inner = key.substring(1, key.length() - 1);
      return key.charAt(0) == '"' ? inner.replace("\\\"", "\"").replace("\\\\", "\\") : inner;
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
  }
}
