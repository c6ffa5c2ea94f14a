package dev.servicekit.examples.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesNumbersAndBooleansBareAndEscapesStrings() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("n", 3);
    fields.put("ok", true);
    fields.put("s", "a\"b\\c\n\u0001");

    assertThat(Json.object(fields))
        .isEqualTo("{\"n\":3,\"ok\":true,\"s\":\"a\\\"b\\\\c\\n\\u0001\"}");
  }
}
