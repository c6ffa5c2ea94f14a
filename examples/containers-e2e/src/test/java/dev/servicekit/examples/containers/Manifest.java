package dev.servicekit.examples.containers;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One Kubernetes object read from a YAML file into fabric8's Kubernetes API types, strictly: a
 * field the API type does not have, a value of the wrong type or a duplicate key fails with {@code
 * file:line:column}. (fabric8's types keep unknown fields in {@code additionalProperties}; here
 * that door is closed, so an unknown field is the parser's error with its location.)
 *
 * @param <T> the API type
 */
final class Manifest<T extends HasMetadata> {

  private static final YAMLMapper STRICT = strictMapper();

  private final String file;
  private final T object;
  private final Map<String, Integer> lines;

  private Manifest(String file, T object, Map<String, Integer> lines) {
    this.file = file;
    this.object = object;
    this.lines = lines;
  }

  static <T extends HasMetadata> Manifest<T> read(Path file, Class<T> type) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), type);
  }

  /** Reads {@code text}; fails with an {@link AssertionError} naming {@code file} and the line. */
  static <T extends HasMetadata> Manifest<T> parse(String file, String text, Class<T> type)
      throws IOException {
    T object;
    try {
      object = STRICT.readValue(text, type);
    } catch (JsonMappingException e) {
      // The parser's location is where it stopped (after the key); the key's own line is better.
      Integer line = lines(text).get(pointer(e));
      JsonLocation at = e.getLocation();
      String where =
          line != null
              ? line.toString()
              : at == null ? "?" : at.getLineNr() + ":" + at.getColumnNr();
      throw new AssertionError(
          file
              + ":"
              + where
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + " (at "
              + pointer(e)
              + ")",
          e);
    }
    if (object == null) {
      throw new AssertionError(file + ":1: no Kubernetes object in the file");
    }
    Manifest<T> m = new Manifest<>(file, object, lines(text));
    if (object.getKind() == null || object.getApiVersion() == null) {
      throw new AssertionError(file + ":1: apiVersion and kind are required");
    }
    return m;
  }

  private static String pointer(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      pointer.append('/');
      pointer.append(
          r.getFieldName() != null
              ? r.getFieldName().replace("~", "~0").replace("/", "~1")
              : Integer.toString(r.getIndex()));
    }
    return pointer.toString();
  }

  T object() {
    return object;
  }

  /** {@code file:line} of the node at a JSON pointer such as {@code /spec/replicas}. */
  String at(String pointer) {
    return file + ":" + lines.getOrDefault(pointer, 1);
  }

  private static Map<String, Integer> lines(String text) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
      }
    }
    return lines;
  }

  private static YAMLMapper strictMapper() {
    YAMLMapper mapper = new YAMLMapper();
    mapper.setAnnotationIntrospector(
        new JacksonAnnotationIntrospector() {
          private static final long serialVersionUID = 1L;

          @Override
          public Boolean hasAnySetter(Annotated a) {
            return Boolean.FALSE; // no additionalProperties: unknown fields are errors
          }
        });
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }
}
