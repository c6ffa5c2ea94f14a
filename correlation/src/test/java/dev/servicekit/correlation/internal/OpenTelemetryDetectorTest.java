package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryDetectorTest {

  @AfterEach
  void reset() {
    GlobalOpenTelemetry.resetForTest();
    OpenTelemetryDetector.recheck();
  }

  @Test
  void noGlobalInstanceMeansNoSdk() {
    OpenTelemetryDetector.recheck();
    assertThat(OpenTelemetryDetector.sdkPresent()).isFalse();
    assertThat(GlobalOpenTelemetry.isSet()).as("detection must not set the global").isFalse();
  }

  @Test
  void aGlobalInstanceWithRealPropagatorsIsAnSdk() {
    GlobalOpenTelemetry.set(
        OpenTelemetry.propagating(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
    OpenTelemetryDetector.recheck();
    assertThat(OpenTelemetryDetector.sdkPresent()).isTrue();
  }

  @Test
  void aGlobalInstanceWithNoopPropagatorsIsNot() {
    GlobalOpenTelemetry.set(OpenTelemetry.noop());
    OpenTelemetryDetector.recheck();
    assertThat(OpenTelemetryDetector.sdkPresent()).isFalse();
  }

  @Test
  void anSdkRegisteredLaterIsNoticedWithoutAnExplicitRecheck() {
    OpenTelemetryDetector.recheck();
    assertThat(OpenTelemetryDetector.sdkPresent()).isFalse();
    GlobalOpenTelemetry.set(
        OpenTelemetry.propagating(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
    boolean noticed = false;
    for (int i = 0; i < 100 * OpenTelemetryDetector.RECHECK_ONE_IN && !noticed; i++) {
      noticed = OpenTelemetryDetector.sdkPresent();
    }
    assertThat(noticed).isTrue();
  }
}
