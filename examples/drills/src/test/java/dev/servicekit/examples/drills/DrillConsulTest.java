package dev.servicekit.examples.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicekit.testing.LocalConsul;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrillConsulTest {

  private final LocalConsul consul = LocalConsul.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    consul.close();
  }

  private HttpResponse<String> leader() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(consul.uri() + "/v1/status/leader"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void failMakesEveryRequestAnswerTheStatusUntilCleared() throws Exception {
    assertThat(DrillConsul.command(consul, "fail 500")).isEqualTo("ok");
    assertThat(leader().statusCode()).isEqualTo(500);

    assertThat(DrillConsul.command(consul, "clear")).isEqualTo("ok");
    assertThat(leader().statusCode()).isEqualTo(200);
  }

  @Test
  void latencyDelaysEveryAnswer() throws Exception {
    assertThat(DrillConsul.command(consul, "latency 400")).isEqualTo("ok");

    long started = System.nanoTime();
    assertThat(leader().statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void countCountsTheRequestsWhosePathMatches() throws Exception {
    leader();
    leader();

    assertThat(DrillConsul.command(consul, "count /v1/status/leader")).isEqualTo("2");
    assertThat(DrillConsul.command(consul, "count /v1/health/.*")).isEqualTo("0");
  }

  @Test
  void aBadCommandIsAnsweredWithAnErrorAndChangesNothing() throws Exception {
    assertThat(DrillConsul.command(consul, "reboot")).isEqualTo("error unknown command reboot");
    assertThat(DrillConsul.command(consul, "latency soon"))
        .startsWith("error java.lang.NumberFormatException");
    assertThat(DrillConsul.command(consul, "fail")).isEqualTo("error fail needs a value");
    assertThat(leader().statusCode()).isEqualTo(200);
  }
}
