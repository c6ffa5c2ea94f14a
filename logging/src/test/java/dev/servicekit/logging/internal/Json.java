package dev.servicekit.logging.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Strict JSON parsing for tests: duplicate keys and invalid UTF-8 fail. */
final class Json {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();

  private Json() {}

  /** Parses one line; fails on invalid JSON, duplicate keys, trailing content or bad UTF-8. */
  static JsonNode parse(byte[] utf8) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8));
    } catch (CharacterCodingException e) {
      throw new AssertionError("invalid UTF-8", e);
    }
    try (JsonParser p = MAPPER.createParser(utf8)) {
      JsonNode node = MAPPER.readTree(p);
      if (p.nextToken() != null) {
        throw new AssertionError("trailing content after the object");
      }
      if (node == null || !node.isObject()) {
        throw new AssertionError("not an object: " + new String(utf8, StandardCharsets.UTF_8));
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(new String(utf8, StandardCharsets.UTF_8), e);
    }
  }

  static JsonNode parse(String line) {
    return parse(line.getBytes(StandardCharsets.UTF_8));
  }

  /** Splits UTF-8 output into lines (each must end with a newline) and parses each. */
  static List<JsonNode> parseLines(byte[] output) {
    List<JsonNode> nodes = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < output.length; i++) {
      if (output[i] == '\n') {
        byte[] line = java.util.Arrays.copyOfRange(output, start, i);
        nodes.add(parse(line));
        start = i + 1;
      }
    }
    if (start != output.length) {
      throw new AssertionError("output does not end with a newline");
    }
    return nodes;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
