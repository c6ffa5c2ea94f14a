package dev.servicekit.core;

import dev.servicekit.core.spi.ServiceComponent;
import java.util.Set;

/** A component that records its lifecycle calls and fails on demand. */
class RecordingComponent implements ServiceComponent {

  enum Step {
    START,
    WITHDRAW,
    STOP
  }

  private final String name;
  private final String id;
  private final Set<Step> failing;

  RecordingComponent(String name, String id, Set<Step> failing) {
    this.name = name;
    this.id = id;
    this.failing = failing;
  }

  RecordingComponent(String name, String id) {
    this(name, id, Set.of());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() throws Exception {
    step(Step.START);
  }

  @Override
  public void withdraw() throws Exception {
    step(Step.WITHDRAW);
  }

  @Override
  public void stop() throws Exception {
    step(Step.STOP);
  }

  private void step(Step step) throws Exception {
    Recorder.record(id, step.name().toLowerCase(java.util.Locale.ROOT) + ":" + name);
    if (failing.contains(step)) {
      throw new Exception(name + " refuses to " + step);
    }
  }
}
