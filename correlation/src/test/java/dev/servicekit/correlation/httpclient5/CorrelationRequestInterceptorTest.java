package dev.servicekit.correlation.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.correlation.Correlation;
import dev.servicekit.correlation.LoopbackServer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelationRequestInterceptorTest {

  private final CloseableHttpClient client =
      HttpClients.custom()
          .addRequestInterceptorLast(CorrelationRequestInterceptor.create())
          .build();
  private LoopbackServer edge;
  private LoopbackServer downstream;

  @BeforeEach
  void start() throws Exception {
    downstream = LoopbackServer.reporting();
    edge =
        LoopbackServer.with(
            exchange ->
                LoopbackServer.respond(
                    exchange,
                    client.execute(
                        new HttpGet(downstream.uri("/report")),
                        response -> EntityUtils.toString(response.getEntity()))));
  }

  @AfterEach
  void stop() throws Exception {
    edge.close();
    downstream.close();
    client.close();
  }

  private Map<String, String> get(HttpGet request, HttpClientContext context) throws Exception {
    return LoopbackServer.parse(
        client.execute(request, context, response -> EntityUtils.toString(response.getEntity())));
  }

  @Test
  void classicClientAddsTheCurrentId() throws Exception {
    try (Scope s = Correlation.begin("hc5-1")) {
      assertThat(get(new HttpGet(downstream.uri("/report")), null))
          .containsEntry("header", "hc5-1");
    }
  }

  @Test
  void idCrossesTwoHopsAndIsEchoed() throws Exception {
    HttpGet first = new HttpGet(edge.uri("/"));
    first.setHeader("X-Correlation-ID", "hc5-hops");
    String[] echoedAndBody =
        client.execute(
            first,
            response ->
                new String[] {
                  response.getFirstHeader("X-Correlation-ID").getValue(),
                  EntityUtils.toString(response.getEntity())
                });
    assertThat(echoedAndBody[0]).isEqualTo("hc5-hops");
    assertThat(LoopbackServer.parse(echoedAndBody[1]))
        .containsEntry("header", "hc5-hops")
        .containsEntry("id", "hc5-hops");
  }

  @Test
  void contextInTheHttpContextTakesPrecedence() throws Exception {
    Context captured;
    try (Scope s = Correlation.begin("captured")) {
      captured = Context.current();
    }
    HttpClientContext httpContext = HttpClientContext.create();
    httpContext.setAttribute(CorrelationRequestInterceptor.CONTEXT_ATTRIBUTE, captured);
    try (Scope s = Correlation.begin("current")) {
      assertThat(get(new HttpGet(downstream.uri("/report")), httpContext))
          .containsEntry("header", "captured");
    }
  }
}
