package dev.servicekit.logging.internal;

import dev.servicekit.core.ServiceRuntime;
import dev.servicekit.logging.ServicekitLogging;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Started in a child JVM by {@link LogIdentityTest}, with environment variables set: logs before a
 * runtime starts, starts one with a builder identity and builder settings, logs from two threads,
 * closes it and logs again.
 */
public final class RuntimeIdentityMain {

  private RuntimeIdentityMain() {}

  /** No arguments. */
  public static void main(String[] args) throws Exception {
    Logger log = LoggerFactory.getLogger("dev.servicekit.demo.Orders");
    log.info("before start");
    log.debug("debug before start is below the level");
    ServiceRuntime runtime =
        ServiceRuntime.builder()
            .serviceName("orders")
            .version("1.2.3")
            .environment("staging")
            .managementBindAddress("127.0.0.1")
            .managementPort(0)
            .drainPeriod(Duration.ZERO)
            .shutdownHook(false)
            .config("servicekit.log.level.dev.servicekit.demo", "debug")
            .start();
    LogIdentity seen = ((JsonLoggerFactory) LoggerFactory.getILoggerFactory()).config().identity();
    log.atInfo()
        .addKeyValue("runtime_instance_id", runtime.info().instanceId())
        .addKeyValue("logging_instance_id", seen.instanceId())
        .log("after start");
    log.debug("debug after start");
    Thread other = new Thread(() -> log.warn("from another thread"), "other");
    other.start();
    other.join();
    runtime.close();
    log.info("after close");
    ServicekitLogging.flush(Duration.ofSeconds(10));
  }
}
