package dev.servicekit.examples.shipping;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.core.spi.ServiceComponent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The service's own JDK {@link HttpServer} as a runtime component: it starts with the runtime and
 * stops after the runtime has deregistered and drained, so no caller is cut off mid-request.
 */
final class HttpServerComponent implements ServiceComponent {

  private final HttpServer server;
  private final ExecutorService workers;

  HttpServerComponent(HttpServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public void start() {
    server.start();
  }

  @Override
  public void stop() throws InterruptedException {
    server.stop(1);
    workers.shutdown();
    workers.awaitTermination(5, TimeUnit.SECONDS);
  }
}
