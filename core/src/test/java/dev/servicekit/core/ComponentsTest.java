package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.core.spi.ServiceComponent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComponentsTest {

  @Test
  void aStartFailureCarriesTheCleanupFailuresAsSuppressed() {
    String id = Recorder.newId();
    Components components =
        new Components(
            List.of(
                new RecordingComponent("a", id, Set.of(RecordingComponent.Step.STOP)),
                new RecordingComponent("b", id, Set.of(RecordingComponent.Step.START))));
    assertThatThrownBy(components::startAll)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Component 'b' (" + RecordingComponent.class.getName() + ")")
        .satisfies(
            e -> {
              assertThat(e.getCause()).hasMessage("b refuses to START");
              assertThat(e.getSuppressed())
                  .singleElement()
                  .hasToString("java.lang.Exception: a refuses to STOP");
            });
    assertThat(Recorder.events(id)).containsExactly("start:a", "start:b", "withdraw:a", "stop:a");
    assertThat(components.started()).extracting(ServiceComponent::name).containsExactly("a");
  }

  @Test
  void aComponentWithoutAUsableNameIsNamedByItsClass() {
    ServiceComponent unnamed =
        new ServiceComponent() {
          @Override
          public String name() {
            throw new UnsupportedOperationException();
          }

          @Override
          public void start() {}

          @Override
          public void stop() {}
        };
    assertThat(Components.nameOf(unnamed)).isEqualTo(unnamed.getClass().getName());
    assertThat(new Components(List.of(unnamed)).names())
        .containsExactly(unnamed.getClass().getName());
  }
}
