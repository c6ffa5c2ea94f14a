package dev.servicekit.core;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.spi.ServiceComponent;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Run in a child JVM: starts a runtime with the shutdown hook and exits without closing it. */
public final class ShutdownHookMain {

  private ShutdownHookMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    ServiceRuntime.builder()
        .config(ServiceConfig.of(Map.of(), new Properties(), Map.of()))
        .serviceName("hooked")
        .managementBindAddress("127.0.0.1")
        .managementPort(0)
        .drainPeriod(Duration.ZERO)
        .shutdownHook(true)
        .component(
            new ServiceComponent() {
              @Override
              public String name() {
                return "hooked";
              }

              @Override
              public void start() {
                System.out.println("started");
              }

              @Override
              public void withdraw() {
                System.out.println("withdraw:hooked");
              }

              @Override
              public void stop() {
                System.out.println("stop:hooked");
              }
            })
        .start();
    System.out.flush();
    System.exit(0);
  }
}
