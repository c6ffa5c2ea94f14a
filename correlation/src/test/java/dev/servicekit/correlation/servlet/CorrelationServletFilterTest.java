package dev.servicekit.correlation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.LoopbackServer;
import dev.servicekit.correlation.okhttp.CorrelationInterceptor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationServletFilterTest {

  private final HttpClient plain = HttpClient.newHttpClient();
  private final OkHttpClient okhttp =
      new OkHttpClient.Builder().addInterceptor(CorrelationInterceptor.create()).build();
  private QueuedThreadPool threads;
  private Server jetty;
  private LoopbackServer downstream;

  /** Reports the id, the MDC and the dispatch type it ran under. */
  static final class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain");
      response
          .getWriter()
          .print(
              "id="
                  + Correlation.currentId()
                  + "\nmdc="
                  + MDC.get("correlation_id")
                  + "\ndispatch="
                  + request.getDispatcherType()
                  + "\n");
    }
  }

  @BeforeEach
  void start() throws Exception {
    downstream = LoopbackServer.reporting();
    threads = new QueuedThreadPool(8, 2);
    jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(new CorrelationServletFilter()),
        "/*",
        CorrelationServletFilter.dispatcherTypes());
    context.addServlet(new ServletHolder(new ReportServlet()), "/report");
    context.addServlet(new ServletHolder(new ReportServlet()), "/error-page");
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                throw new IllegalStateException("handler failed");
              }
            }),
        "/fail");
    ServletHolder async =
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                AsyncContext async = request.startAsync();
                async.start(Correlation.wrap((Runnable) () -> async.dispatch("/report")));
              }
            });
    async.setAsyncSupported(true);
    context.addServlet(async, "/async");
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest request, HttpServletResponse response)
                  throws IOException {
                try (Response downstreamResponse =
                    okhttp
                        .newCall(
                            new Request.Builder().url(downstream.uri("/report").toString()).build())
                        .execute()) {
                  response.getWriter().print(downstreamResponse.body().string());
                }
              }
            }),
        "/hop");
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(500, "/error-page");
    context.setErrorHandler(errors);
    context.getServletHandler().getFilters()[0].setAsyncSupported(true);
    jetty.setHandler(context);
    jetty.start();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    downstream.close();
    okhttp.dispatcher().executorService().shutdown();
    okhttp.connectionPool().evictAll();
  }

  private URI uri(String path) {
    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> get(String path, String id) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (id != null) {
      request.header("X-Correlation-ID", id);
    }
    return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void continuesTheInboundIdAndEchoesIt() throws Exception {
    HttpResponse<String> response = get("/report", "servlet-1");
    assertThat(response.headers().firstValue("X-Correlation-ID")).contains("servlet-1");
    assertThat(LoopbackServer.parse(response.body()))
        .containsEntry("id", "servlet-1")
        .containsEntry("mdc", "servlet-1");
  }

  @Test
  void idCrossesASecondHopThroughOkHttp() throws Exception {
    HttpResponse<String> response = get("/hop", "servlet-hop");
    assertThat(response.headers().firstValue("X-Correlation-ID")).contains("servlet-hop");
    assertThat(LoopbackServer.parse(response.body()))
        .containsEntry("header", "servlet-hop")
        .containsEntry("id", "servlet-hop");
  }

  @Test
  void asyncDispatchResumesTheSameId() throws Exception {
    HttpResponse<String> response = get("/async", "async-servlet");
    assertThat(LoopbackServer.parse(response.body()))
        .containsEntry("id", "async-servlet")
        .containsEntry("mdc", "async-servlet")
        .containsEntry("dispatch", "ASYNC");
    assertThat(response.headers().firstValue("X-Correlation-ID")).contains("async-servlet");
  }

  @Test
  void errorDispatchResumesTheSameIdAndEchoesIt() throws Exception {
    HttpResponse<String> response = get("/fail", null);
    assertThat(response.statusCode()).isEqualTo(500);
    String echoed = response.headers().firstValue("X-Correlation-ID").orElseThrow();
    assertThat(LoopbackServer.parse(response.body()))
        .containsEntry("id", echoed)
        .containsEntry("mdc", echoed)
        .containsEntry("dispatch", "ERROR");
  }

  @Test
  void hostileIdIsReplacedAndNeverEchoed() throws Exception {
    long before = Correlation.rejectedCount();
    HttpResponse<String> response = get("/report", "a".repeat(129));
    String echoed = response.headers().firstValue("X-Correlation-ID").orElseThrow();
    assertThat(echoed).matches("[A-Za-z0-9.-]{21}");
    assertThat(LoopbackServer.parse(response.body())).containsEntry("id", echoed);
    assertThat(Correlation.rejectedCount()).isGreaterThan(before);
  }

  @Test
  void containerThreadsAreCleanAfterRequests() throws Exception {
    for (String path : new String[] {"/report", "/async", "/fail", "/hop"}) {
      get(path, "leak-" + path.substring(1));
    }
    int tasks = 16;
    CountDownLatch done = new CountDownLatch(tasks);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < tasks; i++) {
      threads.execute(
          () -> {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            if (mdc != null && !mdc.isEmpty()) {
              seen.add(mdc.toString());
            }
            if (Correlation.currentId() != null) {
              seen.add(Correlation.currentId());
            }
            done.countDown();
          });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).isEmpty();
  }
}
