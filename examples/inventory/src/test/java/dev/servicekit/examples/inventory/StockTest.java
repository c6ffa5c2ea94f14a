package dev.servicekit.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class StockTest {

  @Test
  void reservesWhatIsOnHandAndReportsTheRest() {
    Stock stock = new Stock(Map.of("widget", "5"));

    assertThat(stock.reserve("widget", 2)).isEqualTo(OptionalInt.of(3));
    assertThat(stock.available("widget")).isEqualTo(3);
  }

  @Test
  void refusesMoreThanIsOnHandWithoutTakingAnything() {
    Stock stock = new Stock(Map.of("gadget", "3"));

    assertThat(stock.reserve("gadget", 4)).isEmpty();
    assertThat(stock.available("gadget")).isEqualTo(3);
  }

  @Test
  void unknownSkusHaveNothingOnHand() {
    Stock stock = new Stock(Map.of());

    assertThat(stock.available("nope")).isZero();
    assertThat(stock.reserve("nope", 1)).isEmpty();
  }

  @Test
  void rejectsNegativeOrNonNumericCounts() {
    assertThatThrownBy(() -> new Stock(Map.of("widget", "-1")))
        .hasMessageContaining("widget")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new Stock(Map.of("widget", "many"))).hasMessageContaining("many");
  }

  @Test
  void concurrentReservationsNeverOversell() throws Exception {
    Stock stock = new Stock(Map.of("widget", "100"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<OptionalInt>> results = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        results.add(CompletableFuture.supplyAsync(() -> stock.reserve("widget", 1), pool));
      }
      long granted = results.stream().filter(f -> f.join().isPresent()).count();

      assertThat(granted).isEqualTo(100);
      assertThat(stock.available("widget")).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
