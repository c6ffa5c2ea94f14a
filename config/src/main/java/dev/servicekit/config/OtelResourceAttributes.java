package dev.servicekit.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses OpenTelemetry's {@code OTEL_RESOURCE_ATTRIBUTES} as the OpenTelemetry resource SDK
 * specification describes it: comma-separated {@code key=value} pairs whose keys and values are
 * percent-encoded ({@code %2C} for a comma, {@code %3D} for an equals sign).
 *
 * <ul>
 *   <li>Whitespace around keys and values is trimmed; empty items ({@code a=1,,b=2}) are skipped.
 *   <li>A {@code +} is a plus sign, not a space (this is not form encoding).
 *   <li>The first {@code =} separates key and value, as OpenTelemetry's Java SDK splits them.
 *   <li>Percent-encoded bytes that are not valid UTF-8 become U+FFFD, as W3C Baggage asks.
 *   <li>An item without {@code =}, with an empty key or value, or with a {@code %} not followed by
 *       two hex digits makes the whole value malformed: as the specification asks, the entire value
 *       is then discarded (and the caller reports it).
 * </ul>
 */
public final class OtelResourceAttributes {

  /** The configuration key: system property {@code otel.resource.attributes}, env as above. */
  public static final String KEY = "otel.resource.attributes";

  /** What a valid value looks like, in the words of an error message. */
  public static final String EXPECTED =
      "comma-separated key=value pairs, percent-encoded (OpenTelemetry resource attributes)";

  private OtelResourceAttributes() {}

  /**
   * Parses the value.
   *
   * @param raw the value of {@code OTEL_RESOURCE_ATTRIBUTES}, for example {@code
   *     service.name=orders,deployment.environment.name=prod}
   * @return the attributes in order (a later duplicate wins), or empty when the value is malformed
   */
  public static Optional<Map<String, String>> parse(String raw) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String item : raw.split(",", -1)) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        return Optional.empty();
      }
      Optional<String> key = decode(item.substring(0, eq).trim());
      Optional<String> value = decode(item.substring(eq + 1).trim());
      if (key.isEmpty() || key.get().isEmpty() || value.isEmpty() || value.get().isEmpty()) {
        return Optional.empty();
      }
      result.put(key.get(), value.get());
    }
    return Optional.of(Collections.unmodifiableMap(result));
  }

  /**
   * Reads and parses {@code otel.resource.attributes} / {@code OTEL_RESOURCE_ATTRIBUTES} from
   * {@code config}.
   *
   * @param config the configuration to read
   * @return the attributes in order, unmodifiable; empty when the key is unset
   * @throws ConfigException when the value is malformed; callers that must not fail report the
   *     message and go on without the attributes
   */
  public static Map<String, String> from(ServiceConfig config) {
    Optional<Setting> found = config.find(KEY);
    if (found.isEmpty()) {
      return Map.of();
    }
    return parse(found.get().value()).orElseThrow(() -> found.get().error(EXPECTED));
  }

  /**
   * Percent-decodes UTF-8; a plus sign stays a plus sign. Empty when a {@code %} is malformed.
   *
   * @param s percent-encoded text
   * @return the decoded text
   */
  public static Optional<String> decode(String s) {
    if (s.indexOf('%') < 0) {
      return Optional.of(s);
    }
    ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
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
        bytes.put((byte) (hi * 16 + lo));
        i += 2;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
        bytes.put(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    bytes.flip();
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .replaceWith("\ufffd")
              .decode(bytes)
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty(); // not reached: REPLACE never throws
    }
  }
}
