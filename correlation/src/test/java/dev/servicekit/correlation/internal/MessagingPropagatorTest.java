package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.servicekit.config.ConfigException;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.InboundPolicy;
import dev.servicekit.correlation.TraceContextMode;
import dev.servicekit.correlation.brokers.BadSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MessagingPropagatorTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(MessagingPropagator.class);
  private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

  @BeforeEach
  void captureReports() {
    reports.start();
    logger.addAppender(reports);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(reports);
  }

  @Test
  void aBadSettingFailsEveryWiringInConfigsFormat() {
    try (BadSetting bad = BadSetting.publish()) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> MessagingPropagator.configured().forWiring())
            .isInstanceOf(ConfigException.class)
            .hasMessage(BadSetting.MESSAGE);
      }
    }
  }

  @Test
  void aBadSettingNeverFailsAMessageAndIsReportedOnce() {
    try (BadSetting bad = BadSetting.publish()) {
      CorrelationPropagator first = MessagingPropagator.configured().forMessage();
      CorrelationPropagator second = MessagingPropagator.configured().forMessage();

      assertThat(second).isSameAs(first);
      assertThat(first.traceContext()).isEqualTo(TraceContextMode.AUTO);
      assertThat(first.header()).isEqualTo(CorrelationPropagator.MESSAGING_HEADER);
      assertThat(reports.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly(BadSetting.MESSAGE + "; messages use its default until it is fixed");
    }
  }

  @Test
  void onlyTheBadSettingFallsBackToItsDefault() {
    try (BadSetting bad = BadSetting.publish(CorrelationPropagator.INBOUND_KEY, "ignore")) {
      CorrelationPropagator propagator = MessagingPropagator.configured().forMessage();

      assertThat(propagator.inbound()).isEqualTo(InboundPolicy.IGNORE);
      assertThat(propagator.traceContext()).isEqualTo(TraceContextMode.AUTO);
    }
  }

  @Test
  void theDefaultFollowsTheSettingsARuntimePublishesAndWithdraws() {
    CorrelationPropagator before = MessagingPropagator.configured().forWiring();
    try (BadSetting bad = BadSetting.publish(CorrelationPropagator.INBOUND_KEY, "ignore")) {
      assertThat(MessagingPropagator.configured().forMessage().inbound())
          .isEqualTo(InboundPolicy.IGNORE);
    }

    CorrelationPropagator after = MessagingPropagator.configured().forWiring();
    assertThat(after.inbound()).isEqualTo(before.inbound());
    assertThat(after.traceContext()).isEqualTo(before.traceContext());
    assertThat(MessagingPropagator.configured().forMessage()).isSameAs(after);
  }

  @Test
  void aPropagatorOfTheApplicationIsUsedWhateverTheConfigurationSays() {
    CorrelationPropagator own =
        CorrelationPropagator.builder()
            .header(CorrelationPropagator.MESSAGING_HEADER)
            .traceContext(TraceContextMode.OFF)
            .build();
    MessagingPropagator fixed = MessagingPropagator.of(own);

    try (BadSetting bad = BadSetting.publish()) {
      assertThatCode(fixed::forWiring).doesNotThrowAnyException();
      assertThat(fixed.forWiring()).isSameAs(own);
      assertThat(fixed.forMessage()).isSameAs(own);
    }
    assertThat(reports.list).isEmpty();
    assertThatThrownBy(() -> MessagingPropagator.of(null)).isInstanceOf(NullPointerException.class);
  }
}
