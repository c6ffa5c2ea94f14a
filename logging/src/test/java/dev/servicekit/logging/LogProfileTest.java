package dev.servicekit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.logging.LogProfile.LogField;
import dev.servicekit.logging.LogProfile.TraceFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogProfileTest {

  @Test
  void findsEachBuiltInProfileByItsId() {
    assertThat(LogProfile.all())
        .extracting(LogProfile::id)
        .containsExactly("ecs", "logstash", "gcp");
    assertThat(LogProfile.named(" GCP ")).contains(LogProfile.GCP);
    assertThat(LogProfile.named("json")).isEmpty();
  }

  @Test
  void everyProfileStartsWithTheTimestampAndNamesEachFieldOnce() {
    for (LogProfile p : LogProfile.all()) {
      assertThat(p.order().get(0)).isEqualTo(LogField.TIMESTAMP);
      assertThat(p.order()).contains(LogField.MESSAGE, LogField.LEVEL, LogField.USER_FIELDS);
      Set<String> names = new HashSet<>();
      for (LogField f : p.order()) {
        if (f != LogField.USER_FIELDS) {
          assertThat(names.add(p.name(f).orElseThrow())).as(p + " " + f).isTrue();
        }
      }
      assertThat(p.reservedNames()).isEqualTo(names);
    }
  }

  @Test
  void readsBackTheLevelNamesItWrites() {
    for (LogProfile p : LogProfile.all()) {
      for (int level = 0; level <= 40; level += 10) {
        int read = p.levelOf(p.levelName(level));
        assertThat(p.levelName(read)).isEqualTo(p.levelName(level));
      }
      assertThat(p.levelOf("loud")).isEqualTo(-1);
    }
    assertThat(LogProfile.GCP.levelOf("warning")).isEqualTo(30);
    assertThat(LogProfile.LOGSTASH.levelValue(30)).isEqualTo(30000);
  }

  @Test
  void cloudTraceResourceNamesRoundTrip() {
    TraceFormat f = LogProfile.GCP.traceFormat();
    assertThat(f.format("abc", "p1")).isEqualTo("projects/p1/traces/abc");
    assertThat(f.format("abc", null)).isEqualTo("abc");
    assertThat(f.parse("projects/p1/traces/abc")).isEqualTo("abc");
    assertThat(f.parse("abc")).isEqualTo("abc");
    assertThat(TraceFormat.HEX.format("abc", "p1")).isEqualTo("abc");
  }

  @Test
  void labelFieldsHaveNamesButAreNotTopLevel() {
    assertThat(LogProfile.GCP.labelFields()).contains(LogField.SERVICE_NAME);
    assertThat(LogProfile.GCP.order()).doesNotContain(LogField.SERVICE_NAME);
    assertThat(LogProfile.GCP.name(LogField.SERVICE_NAME)).contains("service.name");
    assertThat(LogProfile.ECS.labelFields()).isEmpty();
    assertThat(LogProfile.ECS.constant(LogField.FORMAT_VERSION)).isPresent();
  }
}
