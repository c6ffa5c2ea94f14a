package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what a container wrote and holds it to "every line is one JSON object". */
final class JsonLines {

  static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** Every non-blank line of {@code text} as a JSON object; fails naming the first other line. */
  static List<JsonNode> parse(String source, String text) {
    List<JsonNode> nodes = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        node = null;
      }
      assertThat(node != null && node.isObject())
          .as("%s line %d is one JSON object: %s", source, number, line)
          .isTrue();
      nodes.add(node);
    }
    return nodes;
  }

  /** {@link #parse} of a file. */
  static List<JsonNode> read(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }
}
