package dev.servicekit.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses OpenTelemetry's {@code OTEL_RESOURCE_ATTRIBUTES}: comma-separated {@code key=value} pairs
 * whose keys and values are percent-encoded ({@code %2C} for a comma). As the OpenTelemetry SDK
 * specification asks, a value that cannot be decoded is discarded as a whole.
 */
final class OtelResourceAttributes {

  private OtelResourceAttributes() {}

  /**
   * Parses the value.
   *
   * @return the attributes in order (a later duplicate wins), or empty when the value is malformed
   */
  static Optional<Map<String, String>> parse(String raw) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : raw.split(",", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        return Optional.empty();
      }
      Optional<String> key = decode(entry.substring(0, eq).trim());
      Optional<String> value = decode(entry.substring(eq + 1).trim());
      if (key.isEmpty() || key.get().isEmpty() || value.isEmpty()) {
        return Optional.empty();
      }
      result.put(key.get(), value.get());
    }
    return Optional.of(Collections.unmodifiableMap(result));
  }

  /** Percent-decodes UTF-8; a plus sign stays a plus sign. Empty when malformed. */
  static Optional<String> decode(String s) {
    if (s.indexOf('%') < 0) {
      return Optional.of(s);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          encoded = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return Optional.of(bytes.toString(StandardCharsets.UTF_8));
  }
}
