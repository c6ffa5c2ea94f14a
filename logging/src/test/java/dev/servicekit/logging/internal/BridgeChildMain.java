package dev.servicekit.logging.internal;

import org.slf4j.LoggerFactory;

/**
 * Started in a child JVM by {@link BridgesTest}: makes one call through another logging API
 * (argument {@code jul}, {@code system-logger}, {@code commons-logging}, {@code jdk-httpserver},
 * {@code uncaught} or {@code uncaught-after-app-handler}) after servicekit-logging has started.
 */
public final class BridgeChildMain {

  private BridgeChildMain() {}

  /** Arguments: which API to call. */
  public static void main(String[] args) throws Exception {
    // the application's first SLF4J use starts the provider, as in a service
    LoggerFactory.getILoggerFactory();
    switch (args[0]) {
      case "jul":
        java.util.logging.Logger.getLogger("child.jul")
            .log(
                java.util.logging.Level.WARNING, "disk {0} is {1}% full", new Object[] {"sda", 91});
        java.util.logging.Logger.getLogger("child.jul").fine("below the level: not written");
        break;
      case "system-logger":
        System.getLogger("child.system").log(System.Logger.Level.INFO, "started {0} workers", 4);
        System.getLogger("child.system").log(System.Logger.Level.DEBUG, "not written");
        break;
      case "commons-logging":
        org.apache.commons.logging.LogFactory.getLog("child.jcl")
            .error("connection reset", new java.io.IOException("reset by peer"));
        org.apache.commons.logging.LogFactory.getLog("child.jcl").debug("not written");
        break;
      case "jdk-httpserver":
        com.sun.net.httpserver.HttpServer server =
            com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
            "/ping",
            exchange -> {
              exchange.sendResponseHeaders(204, -1);
              exchange.close();
            });
        server.start();
        try {
          java.net.HttpURLConnection c =
              (java.net.HttpURLConnection)
                  new java.net.URL("http://127.0.0.1:" + server.getAddress().getPort() + "/ping")
                      .openConnection();
          c.setConnectTimeout(5000);
          c.setReadTimeout(5000);
          c.getResponseCode();
          c.disconnect();
        } finally {
          server.stop(0);
        }
        break;
      case "uncaught-after-app-handler":
        Thread.setDefaultUncaughtExceptionHandler(
            (t, e) -> System.out.println("{\"app-handler\":\"" + e.getMessage() + "\"}"));
        // servicekit-logging installed its handler first; the application's replaces it
        uncaught();
        break;
      case "uncaught":
        uncaught();
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  private static void uncaught() throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              throw new IllegalStateException("worker failed");
            },
            "worker-7");
    t.start();
    t.join();
  }
}
