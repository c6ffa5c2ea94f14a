package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.servicekit.config.ConfigException;
import dev.servicekit.core.spi.ServiceComponent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The service's own HTTP server as the runtime starts and stops it. */
class HttpServerComponentTest {

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void startsAfterEveryOtherComponentAndStopsAfterWithdrawBeforeTheOthersStop() throws Exception {
    RecordingServer server = new RecordingServer(events);
    ServiceRuntime runtime =
        TestRuntimes.builder()
            .httpServer(server)
            .component(new Step("a", events))
            .component(new Step("b", events))
            .start();

    assertThat(events).containsExactly("start:a", "start:b", "server:start");
    runtime.close();

    assertThat(events)
        .containsExactly(
            "start:a",
            "start:b",
            "server:start",
            "withdraw:b",
            "withdraw:a",
            "server:stop",
            "stop:b",
            "stop:a");
  }

  @Test
  void servesThroughDeregistrationAndLetsARequestInFlightFinishBeforeItCloses() throws Exception {
    RecordingServer server = new RecordingServer(events);
    server.setExecutor(Executors.newFixedThreadPool(4)); // the default runs handlers one at a time
    URI base = uri(server);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.createContext(
        "/slow",
        exchange -> {
          entered.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, "slow done");
        });
    server.createContext("/fast", exchange -> respond(exchange, "fast"));
    CompletableFuture<HttpResponse<String>> slow = new CompletableFuture<>();
    ServiceComponent registry =
        new ServiceComponent() {
          @Override
          public String name() {
            return "registry";
          }

          @Override
          public void start() {}

          @Override
          public void withdraw() throws Exception {
            events.add("deregistered");
            events.add("during withdraw: " + Http.get(base, "/fast").body());
            release.countDown();
            events.add("in flight: " + slow.get(20, TimeUnit.SECONDS).body());
          }

          @Override
          public void stop() {}
        };
    ServiceRuntime runtime = TestRuntimes.builder().component(registry).httpServer(server).start();
    CompletableFuture.runAsync(
        () -> {
          try {
            slow.complete(Http.get(base, "/slow"));
          } catch (RuntimeException e) {
            slow.completeExceptionally(e);
          }
        });
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

    runtime.close();

    assertThat(events)
        .containsExactly(
            "server:start",
            "deregistered",
            "during withdraw: fast",
            "in flight: slow done",
            "server:stop");
    assertThat(slow.get().statusCode()).isEqualTo(200);
    assertThat(portIsFree(server.getAddress().getPort())).isTrue();
  }

  @Test
  void installsHandlersOnceTheComponentsRunAndBeforeTheServerStarts() throws Exception {
    RecordingServer server = new RecordingServer(events);
    try (ServiceRuntime runtime =
        TestRuntimes.builder()
            .component(new Step("a", events))
            .httpServer(
                server,
                rt -> {
                  events.add("handlers see " + rt.component(Step.class).name());
                  server.createContext("/id", ex -> respond(ex, rt.info().instanceId()));
                })
            .start()) {

      assertThat(events).containsExactly("start:a", "handlers see a", "server:start");
      assertThat(Http.get(uri(server), "/id").body()).isEqualTo(runtime.info().instanceId());
    }
  }

  @Test
  void advertisesTheServersPortUnlessAPortIsGiven() throws Exception {
    HttpServer server = loopbackServer();
    try (ServiceRuntime runtime = TestRuntimes.builder().httpServer(server).start()) {
      assertThat(runtime.info().port()).isEqualTo(server.getAddress().getPort());
    }
    try (ServiceRuntime runtime =
        TestRuntimes.builder().httpServer(loopbackServer()).port(4321).start()) {
      assertThat(runtime.info().port()).isEqualTo(4321);
    }
  }

  @Test
  void shutsTheServersExecutorDownAfterTheServer() throws Exception {
    HttpServer server = loopbackServer();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    server.setExecutor(workers);
    ServiceRuntime runtime = TestRuntimes.builder().httpServer(server).start();
    assertThat(workers.isShutdown()).isFalse();

    runtime.close();

    assertThat(workers.isTerminated()).isTrue();
  }

  @Test
  void aServerStartedBeforeFailsTheStartNamingWhatToDo() throws Exception {
    HttpServer server = loopbackServer();
    server.start();
    int port = server.getAddress().getPort();

    assertThatThrownBy(
            () ->
                TestRuntimes.builder().component(new Step("a", events)).httpServer(server).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Component 'http'")
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("give it to the runtime unstarted");
    assertThat(events).containsExactly("start:a", "withdraw:a", "stop:a");
    assertThat(portIsFree(port)).isTrue();
  }

  @Test
  void handlersThatThrowFailTheStartAndFreeThePort() throws Exception {
    HttpServer server = loopbackServer();
    int port = server.getAddress().getPort();

    assertThatThrownBy(
            () ->
                TestRuntimes.builder()
                    .httpServer(
                        server,
                        rt -> {
                          throw new IllegalArgumentException("no such queue");
                        })
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("installing the handlers of the HTTP server on 127.0.0.1:" + port)
        .hasMessageContaining("no such queue");
    assertThat(portIsFree(port)).isTrue();
  }

  @Test
  void aConfigurationErrorFreesTheServersPort() throws Exception {
    HttpServer server = loopbackServer();
    int port = server.getAddress().getPort();

    assertThatThrownBy(
            () ->
                TestRuntimes.builder()
                    .httpServer(server)
                    .config("servicekit.shutdown.drain", "forever")
                    .start())
        .isInstanceOf(ConfigException.class);
    assertThat(portIsFree(port)).isTrue();
  }

  @Test
  void rejectsAnUnboundServerAndTheSameServerTwice() throws Exception {
    HttpServer bound = loopbackServer();
    ServiceRuntime.Builder builder = TestRuntimes.builder().httpServer(bound);
    assertThatThrownBy(() -> builder.httpServer(bound))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("given already");
    assertThatThrownBy(() -> builder.httpServer(HttpServer.create()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bound");
    bound.start();
    bound.stop(0);
  }

  private static HttpServer loopbackServer() throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  private static URI uri(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A component that records its steps. */
  static final class Step implements ServiceComponent {
    private final String name;
    private final List<String> events;

    Step(String name, List<String> events) {
      this.name = name;
      this.events = events;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start() {
      events.add("start:" + name);
    }

    @Override
    public void withdraw() {
      events.add("withdraw:" + name);
    }

    @Override
    public void stop() {
      events.add("stop:" + name);
    }
  }

  /** A real loopback server that records when it is started and stopped. */
  static final class RecordingServer extends HttpServer {
    private final HttpServer delegate;
    private final List<String> events;

    RecordingServer(List<String> events) throws IOException {
      this.delegate = loopbackServer();
      this.events = events;
    }

    @Override
    public void bind(InetSocketAddress addr, int backlog) throws IOException {
      delegate.bind(addr, backlog);
    }

    @Override
    public void start() {
      delegate.start();
      events.add("server:start");
    }

    @Override
    public void setExecutor(java.util.concurrent.Executor executor) {
      delegate.setExecutor(executor);
    }

    @Override
    public java.util.concurrent.Executor getExecutor() {
      return delegate.getExecutor();
    }

    @Override
    public void stop(int delay) {
      events.add("server:stop");
      delegate.stop(delay);
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
      return delegate.createContext(path, handler);
    }

    @Override
    public HttpContext createContext(String path) {
      return delegate.createContext(path);
    }

    @Override
    public void removeContext(String path) {
      delegate.removeContext(path);
    }

    @Override
    public void removeContext(HttpContext context) {
      delegate.removeContext(context);
    }

    @Override
    public InetSocketAddress getAddress() {
      return delegate.getAddress();
    }
  }
}
