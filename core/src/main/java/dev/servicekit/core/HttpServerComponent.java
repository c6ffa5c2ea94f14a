package dev.servicekit.core;

import com.sun.net.httpserver.HttpServer;
import dev.servicekit.core.spi.ServiceComponent;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The service's own JDK {@link HttpServer}, given to {@link ServiceRuntime.Builder#httpServer}: the
 * runtime starts it after every other component (handlers installed first), keeps it serving
 * through withdraw and drain, and stops it before the other components stop. Owns the server and,
 * when it is an {@link ExecutorService}, the server's executor.
 */
final class HttpServerComponent implements ServiceComponent {

  /** How long {@link HttpServer#stop} waits for exchanges still in flight after the drain. */
  static final int STOP_GRACE_SECONDS = 1;

  private static final long EXECUTOR_GRACE_SECONDS = 5;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final HttpServer server;
  private final Consumer<ServiceRuntime> handlers;
  private volatile ServiceRuntime runtime;
  private State state = State.NEW; // guarded by this

  HttpServerComponent(HttpServer server, Consumer<ServiceRuntime> handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  HttpServer server() {
    return server;
  }

  /** The runtime whose components the handlers may look up; set before {@link #start()}. */
  void attach(ServiceRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public String name() {
    return "http";
  }

  /**
   * Installs the handlers, then starts the server.
   *
   * @throws IllegalStateException naming the server's address when the handlers fail or the server
   *     cannot start (started or stopped before it was handed over)
   */
  @Override
  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("the HTTP server on " + address() + " was started before");
    }
    try {
      handlers.accept(runtime);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "installing the handlers of the HTTP server on " + address() + " failed: " + e, e);
    }
    try {
      server.start();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the HTTP server on "
              + address()
              + " cannot start ("
              + e.getMessage()
              + "): give it to the runtime unstarted, the runtime starts it after its components",
          e);
    }
    state = State.RUNNING;
  }

  /** Stops the server (waiting up to {@value #STOP_GRACE_SECONDS} s for exchanges in flight). */
  @Override
  public void stop() throws InterruptedException {
    close(STOP_GRACE_SECONDS);
  }

  /**
   * Frees the server's port when the runtime did not start or already stopped it: a start that
   * failed. Never throws.
   */
  void release() {
    try {
      close(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // releasing only; the start failure is what the caller reports
    }
  }

  private void close(int graceSeconds) throws InterruptedException {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      if (state == State.NEW) {
        // A server that never ran keeps its socket until its dispatcher has run once.
        try {
          server.start();
        } catch (IllegalStateException alreadyStartedOrStopped) {
          // stop() below releases it either way
        }
      }
      state = State.CLOSED;
    }
    server.stop(graceSeconds);
    Executor executor = server.getExecutor();
    if (executor instanceof ExecutorService workers) {
      workers.shutdown();
      if (!workers.awaitTermination(EXECUTOR_GRACE_SECONDS, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    }
  }

  private String address() {
    InetSocketAddress a = server.getAddress();
    return a == null
        ? "an unbound address"
        : AdvertisedAddress.format(a.getAddress()) + ":" + a.getPort();
  }
}
