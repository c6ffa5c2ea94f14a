package dev.servicekit.correlation.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.LoopbackServer;
import dev.servicekit.correlation.TraceContextMode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelationInterceptorTest {

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .addInterceptor(
              CorrelationInterceptor.create(
                  CorrelationPropagator.builder().traceContext(TraceContextMode.PROPAGATE).build()))
          .build();
  private LoopbackServer edge;
  private LoopbackServer downstream;

  @BeforeEach
  void start() throws Exception {
    downstream = LoopbackServer.reporting();
    // edge: JDK server whose handler calls downstream through OkHttp
    edge =
        LoopbackServer.with(
            exchange -> {
              try (Response response = client.newCall(request("/report")).execute()) {
                LoopbackServer.respond(exchange, response.body().string());
              }
            });
  }

  @AfterEach
  void stop() throws Exception {
    edge.close();
    downstream.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private Request request(String path) {
    return new Request.Builder().url(downstream.uri(path).toString()).build();
  }

  @Test
  void executeAddsTheCurrentId() throws IOException {
    try (Scope s = Correlation.begin("ok-1");
        Response response = client.newCall(request("/report")).execute()) {
      assertThat(LoopbackServer.parse(response.body().string())).containsEntry("header", "ok-1");
    }
  }

  @Test
  void idAndTraceparentCrossTwoHops() throws IOException {
    Request first =
        new Request.Builder()
            .url(edge.uri("/").toString())
            .header("X-Correlation-ID", "ok-two-hops")
            .header("traceparent", TRACEPARENT)
            .build();
    try (Response response = new OkHttpClient().newCall(first).execute()) {
      assertThat(response.header("X-Correlation-ID")).isEqualTo("ok-two-hops");
      Map<String, String> seen = LoopbackServer.parse(response.body().string());
      assertThat(seen)
          .containsEntry("header", "ok-two-hops")
          .containsEntry("traceparent", TRACEPARENT);
    }
  }

  @Test
  void enqueueUsesTheContextTaggedOnTheRequest() throws Exception {
    CompletableFuture<String> header = new CompletableFuture<>();
    Request tagged;
    try (Scope s = Correlation.begin("ok-async")) {
      tagged = request("/report").newBuilder().tag(Context.class, Context.current()).build();
    }
    client
        .newCall(tagged)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                header.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                  header.complete(LoopbackServer.parse(response.body().string()).get("header"));
                }
              }
            });
    assertThat(header.get(10, TimeUnit.SECONDS)).isEqualTo("ok-async");
  }

  @Test
  void headersTheRequestAlreadyCarriesWin() throws IOException {
    Request explicit = request("/report").newBuilder().header("X-Correlation-ID", "mine").build();
    try (Scope s = Correlation.begin("context");
        Response response = client.newCall(explicit).execute()) {
      assertThat(LoopbackServer.parse(response.body().string())).containsEntry("header", "mine");
    }
  }
}
