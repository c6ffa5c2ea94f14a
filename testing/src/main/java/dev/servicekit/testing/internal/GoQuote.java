package dev.servicekit.testing.internal;

/** Go's {@code %q} quoting, as Consul's error messages use it. */
final class GoQuote {
  private GoQuote() {}

  /**
   * Quotes a string with double quotes, escaping quotes, backslashes and control characters.
   *
   * @param s the string
   * @return the quoted string
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
