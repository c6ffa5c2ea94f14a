package dev.servicekit.registry.internal;

import dev.servicekit.core.ServiceRuntime;

/**
 * A service process for the killed-process test: started in a child JVM with {@code
 * CONSUL_HTTP_ADDR} in its environment, it registers and then waits to be killed.
 */
public final class ChildService {

  private ChildService() {}

  /**
   * Runs the service.
   *
   * @param args service name, instance ID
   */
  public static void main(String[] args) throws InterruptedException {
    ServiceRuntime.builder()
        .serviceName(args[0])
        .instanceId(args[1])
        .address("127.0.0.1")
        .port(9999)
        .managementBindAddress("127.0.0.1")
        .managementPort(0)
        .shutdownHook(false)
        .config("servicekit.registry.check.interval", "500ms")
        .config("servicekit.registry.check.timeout", "500ms")
        .config("servicekit.registry.deregister-critical-after", "1s")
        .start();
    System.out.println("STARTED");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
