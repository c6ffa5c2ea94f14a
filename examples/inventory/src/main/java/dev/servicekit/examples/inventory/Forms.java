package dev.servicekit.examples.inventory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code application/x-www-form-urlencoded} bodies and query strings. */
final class Forms {

  private Forms() {}

  /** The fields of {@code text}; a repeated field keeps its first value; never null. */
  static Map<String, String> parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return fields;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        fields.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed %-escape: skip the pair, validation reports the missing field
      }
    }
    return fields;
  }
}
