package dev.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessConfigTest {

  private static final String KEY = "servicekit.test.process-config";

  @AfterEach
  void clear() {
    System.clearProperty(KEY);
  }

  @Test
  void beforeAnyPublicationAnswersFromSystemPropertiesAndEnvironment() {
    System.setProperty(KEY, "prop");
    assertThat(ProcessConfig.published()).isFalse();
    assertThat(ProcessConfig.current().get(KEY)).contains("prop");
  }

  @Test
  void aPublishedLayerWinsUntilItIsWithdrawn() {
    System.setProperty(KEY, "prop");
    int before = ProcessConfig.version();
    ServiceIdentity identity = ServiceIdentity.of("orders", "1.0", "prod", "orders-1");
    try (ProcessConfig.Layer layer = ProcessConfig.publish(identity, Map.of(KEY, "builder"))) {
      assertThat(ProcessConfig.current().find(KEY))
          .contains(new Setting(KEY, "builder", "builder"));
      assertThat(ProcessConfig.identity()).isEqualTo(identity);
      assertThat(ProcessConfig.version()).isNotEqualTo(before);
      assertThat(layer.settings()).containsEntry(KEY, "builder");
    }
    assertThat(ProcessConfig.current().get(KEY)).contains("prop");
    assertThat(ProcessConfig.published()).isFalse();
  }

  @Test
  void layersStackSoWithdrawingTheNewestBringsBackTheOneBelow() {
    ServiceIdentity first = ServiceIdentity.of("first", null, null, null);
    ServiceIdentity second = ServiceIdentity.of("second", null, null, null);
    try (ProcessConfig.Layer a = ProcessConfig.publish(first, Map.of(KEY, "a"))) {
      ProcessConfig.Layer b = ProcessConfig.publish(second, Map.of(KEY, "b"));
      assertThat(ProcessConfig.identity()).isEqualTo(second);
      b.close();
      assertThat(ProcessConfig.identity()).isEqualTo(first);
      assertThat(ProcessConfig.current().get(KEY)).contains("a");
      b.close(); // idempotent: does not withdraw a
      assertThat(ProcessConfig.identity()).isEqualTo(first);
      ProcessConfig.Layer c = ProcessConfig.publish(second, Map.of());
      a.close(); // withdrawing an older layer keeps the newest on top
      assertThat(ProcessConfig.identity()).isEqualTo(second);
      c.close();
    }
    assertThat(ProcessConfig.published()).isFalse();
  }

  @Test
  void listenersRunOnEveryPublicationAndWithdrawalAndTheirFailuresAreIgnored() {
    AtomicInteger calls = new AtomicInteger();
    Runnable counting = calls::incrementAndGet;
    Runnable failing =
        () -> {
          throw new IllegalStateException("listener failure");
        };
    ProcessConfig.addListener(failing);
    ProcessConfig.addListener(counting);
    try {
      ProcessConfig.publish(ServiceIdentity.NONE, Map.of()).close();
      assertThat(calls).hasValue(2);
    } finally {
      ProcessConfig.removeListener(failing);
      ProcessConfig.removeListener(counting);
    }
    ProcessConfig.publish(ServiceIdentity.NONE, Map.of()).close();
    assertThat(calls).hasValue(2);
  }
}
