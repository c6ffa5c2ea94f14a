package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;

class JsonLoggerTest {

  private final MemorySink sink = new MemorySink();
  private final ThreadLocalMdcAdapter mdc = new ThreadLocalMdcAdapter();
  private JsonLoggerFactory factory;

  private JsonLoggerFactory start(String... keyValues) {
    factory = new JsonLoggerFactory(Events.config(keyValues), sink, mdc, TraceSource.NONE);
    return factory;
  }

  @AfterEach
  void stop() {
    if (factory != null) {
      factory.shutdown();
    }
    mdc.clear();
  }

  @Test
  void deliversFluentKeyValuesAndMarkersStructured() {
    Logger log = start().getLogger("a");
    log.atWarn()
        .addMarker(new BasicMarkerFactory().getMarker("SECURITY"))
        .addKeyValue("user", "bob")
        .addKeyValue("attempts", 3)
        .setCause(new IllegalArgumentException("bad"))
        .log("login failed for {}", "bob");
    factory.flush(Duration.ofSeconds(10));
    JsonNode line = Json.parseLines(sink.raw()).get(0);
    assertThat(line.get("log.level").asText()).isEqualTo("WARN");
    assertThat(line.get("message").asText()).isEqualTo("login failed for bob");
    assertThat(line.get("tags").get(0).asText()).isEqualTo("SECURITY");
    assertThat(line.get("user").asText()).isEqualTo("bob");
    assertThat(line.get("attempts").asInt()).isEqualTo(3);
    assertThat(line.get("error.type").asText()).isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void takesATrailingThrowableArgumentAsTheException() {
    Logger log = start().getLogger("a");
    log.error("failed {}", "x", new IllegalStateException("inner"));
    factory.flush(Duration.ofSeconds(10));
    JsonNode line = Json.parseLines(sink.raw()).get(0);
    assertThat(line.get("message").asText()).isEqualTo("failed x");
    assertThat(line.get("error.message").asText()).isEqualTo("inner");
  }

  @Test
  void appliesGlobalAndPrefixLevelsAndChangesThemAtRunTime() {
    start("servicekit.log.level", "warn", "servicekit.log.level.com.acme", "debug");
    Logger acme = factory.getLogger("com.acme.Orders");
    Logger other = factory.getLogger("org.other.Thing");
    assertThat(acme.isDebugEnabled()).isTrue();
    assertThat(acme.isTraceEnabled()).isFalse();
    assertThat(other.isInfoEnabled()).isFalse();
    assertThat(other.isWarnEnabled()).isTrue();

    factory.levels(factory.levels().with("org.other", LevelTable.parse("trace")));
    assertThat(other.isTraceEnabled()).isTrue();
    factory.levels(factory.levels().withRoot(LevelTable.OFF).without("org.other"));
    assertThat(other.isErrorEnabled()).isFalse();
    assertThat(factory.getLogger("brand.New").isErrorEnabled()).isFalse();
  }

  @Test
  void disabledLevelsDoNotReachTheWriter() {
    Logger log = start("servicekit.log.level", "error").getLogger("quiet");
    Object expensive =
        new Object() {
          @Override
          public String toString() {
            throw new AssertionError("formatted although disabled");
          }
        };
    log.info("not written {}", expensive);
    log.atDebug().addKeyValue("k", expensive).log("not written either");
    log.error("written");
    factory.flush(Duration.ofSeconds(10));
    assertThat(Json.parseLines(sink.raw()))
        .extracting(l -> l.get("message").asText())
        .containsExactly("written");
  }
}
