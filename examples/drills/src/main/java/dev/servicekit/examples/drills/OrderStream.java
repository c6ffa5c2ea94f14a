package dev.servicekit.examples.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bounded, steady stream of orders: {@code count} requests {@code POST /orders} ({@code
 * sku=widget&quantity=1}), one every {@code 1/rate} seconds whatever the answers, each with its own
 * correlation ID {@code <prefix>-NNNNN} in {@code X-Correlation-ID}. Loopback only, each request
 * bounded by a timeout. {@link #start} returns at once; {@link #await} gives every outcome.
 */
final class OrderStream implements AutoCloseable {

  /** The longest a single order may take before it counts as failed. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecutorService pacer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "drills-order-stream");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private CompletableFuture<List<Outcome>> running;

  /**
   * What one order got.
   *
   * @param seq its place in the stream, from 0
   * @param correlationId the correlation ID it was sent with
   * @param sentAt when it was sent (epoch millis)
   * @param doneAt when its answer (or failure) came (epoch millis)
   * @param status the HTTP status, 0 when no answer came
   * @param orderId the order ID orders gave it, empty without one
   * @param instance the inventory instance that reserved its stock, empty without one
   * @param error why it failed, empty when it did not
   */
  record Outcome(
      int seq,
      String correlationId,
      long sentAt,
      long doneAt,
      int status,
      String orderId,
      String instance,
      String error) {

    /** 201: the order was placed and its OrderPlaced published. */
    boolean placed() {
      return status == 201;
    }

    long latencyMillis() {
      return doneAt - sentAt;
    }
  }

  /** Starts sending {@code count} orders to {@code orders} at {@code rate} per second. */
  void start(URI orders, int count, int rate, String prefix) {
    if (running != null) {
      throw new IllegalStateException("the stream runs already");
    }
    URI target = orders.resolve("/orders");
    running =
        CompletableFuture.supplyAsync(() -> send(target, count, rate, prefix), pacer)
            .thenCompose(
                futures ->
                    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                        .thenApply(v -> futures.stream().map(CompletableFuture::join).toList()));
  }

  private List<CompletableFuture<Outcome>> send(URI target, int count, int rate, String prefix) {
    List<CompletableFuture<Outcome>> futures = new ArrayList<>(count);
    long start = System.nanoTime();
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    for (int i = 0; i < count; i++) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      futures.add(order(target, i, String.format(Locale.ROOT, "%s-%05d", prefix, i)));
    }
    return futures;
  }

  private CompletableFuture<Outcome> order(URI target, int seq, String correlationId) {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Correlation-ID", correlationId)
            .POST(HttpRequest.BodyPublishers.ofString("sku=widget&quantity=1"))
            .build();
    long sentAt = System.currentTimeMillis();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              long doneAt = System.currentTimeMillis();
              if (failure != null) {
                return new Outcome(
                    seq, correlationId, sentAt, doneAt, 0, "", "", failure.toString());
              }
              return outcome(seq, correlationId, sentAt, doneAt, response);
            });
  }

  private static Outcome outcome(
      int seq, String correlationId, long sentAt, long doneAt, HttpResponse<String> response) {
    String orderId = "";
    String instance = "";
    String error = "";
    try {
      JsonNode body = JSON.readTree(response.body());
      orderId = body.path("orderId").asText("");
      instance = body.path("inventoryInstance").asText("");
      error = body.path("error").asText("");
    } catch (IOException e) {
      error = "answer is not JSON: " + e.getMessage();
    }
    if (response.statusCode() != 201 && error.isEmpty()) {
      error = "HTTP " + response.statusCode();
    }
    return new Outcome(
        seq, correlationId, sentAt, doneAt, response.statusCode(), orderId, instance, error);
  }

  /** Waits for every order's outcome, in stream order. */
  List<Outcome> await(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    pacer.shutdownNow();
  }
}
