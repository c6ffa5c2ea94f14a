package dev.servicekit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewsTest {
  private static ServiceEntry entry(int port) {
    return new ServiceEntry(
        new ServiceDefinition(
            "a", "a", List.of(), "", port, Map.of("z", "1", "b", "2"), 1, 1, false, List.of()),
        11,
        12);
  }

  @Test
  void contentHashChangesWithTheServiceAndOnlyThen() {
    Object h1 = Views.agentServiceWithHash(entry(1), "dc1").get("ContentHash");
    assertThat(Views.agentServiceWithHash(entry(1), "dc1").get("ContentHash")).isEqualTo(h1);
    assertThat(Views.agentServiceWithHash(entry(2), "dc1").get("ContentHash")).isNotEqualTo(h1);
  }

  @Test
  void metaIsWrittenWithSortedKeysAsGoDoes() {
    assertThat(JsonWriter.write(Views.healthService(entry(1)).get("Meta")))
        .isEqualTo("{\"b\":\"2\",\"z\":\"1\"}");
  }

  @Test
  void serfHealthIsAPassingNodeCheck() {
    Map<String, Object> serf = Views.serfHealth(new NodeInfo("id", "n", "127.0.0.1", "dc1"), 10);
    assertThat(serf)
        .containsEntry("CheckID", "serfHealth")
        .containsEntry("Status", "passing")
        .containsEntry("ServiceID", "");
  }
}
