package dev.servicekit.core;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.config.spi.SettingsCheck;

/**
 * A module's settings check, registered in META-INF/services: rejects {@code test.check.mode}
 * unless it is {@code fine}.
 */
public final class RejectingSettingsCheck implements SettingsCheck {

  /** Called by ServiceLoader. */
  public RejectingSettingsCheck() {}

  @Override
  public void check(ServiceConfig config) {
    config
        .find("test.check.mode")
        .filter(s -> !s.value().equals("fine"))
        .ifPresent(
            s -> {
              throw s.error("fine");
            });
  }
}
