package dev.servicekit.correlation.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.LoopbackServer;
import dev.servicekit.correlation.TraceContextMode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelatingHttpClientTest {

  private final ExecutorService clientPool = Executors.newSingleThreadExecutor();
  private final HttpClient client =
      CorrelatingHttpClient.wrap(
          HttpClient.newBuilder().executor(clientPool).build(),
          CorrelationPropagator.builder().traceContext(TraceContextMode.PROPAGATE).build());
  private LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    server = LoopbackServer.reporting();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    clientPool.shutdownNow();
    clientPool.awaitTermination(10, TimeUnit.SECONDS);
    MDC.clear();
  }

  private HttpRequest.Builder report() {
    return HttpRequest.newBuilder(server.uri("/report"));
  }

  @Test
  void sendAddsTheCurrentIdAndTraceContext() throws Exception {
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Map<String, String> seen;
    try (Scope span = Context.current().with(Span.wrap(parent)).makeCurrent();
        Scope s = Correlation.begin("sync-1")) {
      seen =
          LoopbackServer.parse(
              client.send(report().build(), HttpResponse.BodyHandlers.ofString()).body());
    }
    assertThat(seen)
        .containsEntry("header", "sync-1")
        .containsEntry("id", "sync-1")
        .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  @Test
  void sendOutsideAnyScopeAddsNoId() throws Exception {
    Map<String, String> seen =
        LoopbackServer.parse(
            client.send(report().build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(seen.get("header")).isNull();
    assertThat(Correlation.isValidId(seen.get("id"))).as("the server starts its own").isTrue();
  }

  @Test
  void headersTheRequestAlreadyCarriesWin() throws Exception {
    Map<String, String> seen;
    try (Scope s = Correlation.begin("from-context")) {
      seen =
          LoopbackServer.parse(
              client
                  .send(
                      report().header("X-Correlation-ID", "explicit").build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
    }
    assertThat(seen).containsEntry("header", "explicit");
  }

  @Test
  void sendAsyncCarriesTheIdIntoDependentStagesAndLeavesTheClientThreadClean() throws Exception {
    CompletableFuture<String> result;
    try (Scope s = Correlation.begin("async-1")) {
      result =
          client
              .sendAsync(report().build(), HttpResponse.BodyHandlers.ofString())
              .thenApply(
                  response ->
                      LoopbackServer.parse(response.body()).get("header")
                          + "|"
                          + Correlation.currentId()
                          + "|"
                          + MDC.get("correlation_id"));
    }
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("async-1|async-1|async-1");
    assertThat(clientPool.submit(() -> MDC.get("correlation_id")).get(10, TimeUnit.SECONDS))
        .isNull();
    assertThat(clientPool.submit(Correlation::currentId).get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void sendAsyncWithPushPromiseHandlerAddsTheId() throws Exception {
    CompletableFuture<HttpResponse<String>> result;
    try (Scope s = Correlation.begin("async-2")) {
      result =
          client.sendAsync(
              report().build(),
              HttpResponse.BodyHandlers.ofString(),
              (initiating, push, acceptor) -> {});
    }
    assertThat(LoopbackServer.parse(result.get(10, TimeUnit.SECONDS).body()))
        .containsEntry("header", "async-2");
  }

  @Test
  void wrappingTwiceDoesNotStackWrappers() {
    HttpClient twice = CorrelatingHttpClient.wrap(client);
    assertThat(twice.toString()).containsOnlyOnce("CorrelatingHttpClient");
    assertThat(twice.executor()).contains(clientPool);
  }
}
