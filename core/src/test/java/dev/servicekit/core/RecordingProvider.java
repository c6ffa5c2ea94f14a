package dev.servicekit.core;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.spi.ComponentContext;
import dev.servicekit.core.spi.ComponentProvider;
import dev.servicekit.core.spi.ServiceComponent;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Test providers registered in META-INF/services. They create a component only when {@code
 * test.recording.id} is configured, so other tests never see them; {@code
 * test.recording.fail-start} (and {@code -withdraw}, {@code -stop}) name components that should
 * fail.
 */
public abstract class RecordingProvider implements ComponentProvider {

  abstract String componentName();

  @Override
  public void validate(ServiceConfig config) {
    config.get(Recorder.ID).ifPresent(id -> Recorder.record(id, "validate:" + componentName()));
    if (config.getBoolean("test.recording.reject-config", false)) {
      throw new ConfigException("test.recording.reject-config", "true", null, "false");
    }
  }

  @Override
  public Optional<ServiceComponent> create(ComponentContext context) {
    Optional<String> id = context.config().get(Recorder.ID);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    if (context.config().getList("test.recording.fail-create").contains(componentName())) {
      throw new IllegalArgumentException(componentName() + " cannot be created");
    }
    Recorder.record(id.get(), "create:" + componentName() + ":" + context.managementUri());
    Set<RecordingComponent.Step> failing = EnumSet.noneOf(RecordingComponent.Step.class);
    for (RecordingComponent.Step step : RecordingComponent.Step.values()) {
      String key = "test.recording.fail-" + step.name().toLowerCase(java.util.Locale.ROOT);
      if (context.config().getList(key).contains(componentName())) {
        failing.add(step);
      }
    }
    context.addHealthCheck(
        componentName(), dev.servicekit.core.HealthCheck.Kind.READINESS, HealthStatus::up);
    java.net.URI management = context.managementUri();
    boolean probe = context.config().getBoolean("test.recording.probe-ready", false);
    return Optional.of(
        new RecordingComponent(componentName(), id.get(), failing) {
          @Override
          public void start() throws Exception {
            if (probe) {
              Recorder.record(
                  id.get(),
                  "ready-during-start=" + Http.get(management, "/health/ready").statusCode());
            }
            super.start();
          }
        });
  }

  /** Starts first. */
  public static final class Early extends RecordingProvider {
    @Override
    public int order() {
      return -10;
    }

    @Override
    String componentName() {
      return "early";
    }
  }

  /** Starts after {@link Early}. */
  public static final class Late extends RecordingProvider {
    @Override
    public int order() {
      return 10;
    }

    @Override
    String componentName() {
      return "late";
    }
  }
}
