package dev.servicekit.examples.inventory;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** Items on hand, per SKU. Thread-safe; a reservation either takes all it asks for or nothing. */
final class Stock {

  /** What a fresh instance holds when {@code servicekit.examples.inventory.stock} is unset. */
  static final Map<String, String> DEFAULT = Map.of("widget", "100", "gadget", "3", "gizmo", "0");

  private final Map<String, Integer> onHand = new ConcurrentHashMap<>();

  /**
   * Creates the stock from {@code sku=count} entries.
   *
   * @throws IllegalArgumentException when a count is not a non-negative integer
   */
  Stock(Map<String, String> initial) {
    initial.forEach(
        (sku, count) -> {
          int n;
          try {
            n = Integer.parseInt(count);
          } catch (NumberFormatException e) {
            n = -1;
          }
          if (n < 0) {
            throw new IllegalArgumentException(
                "stock of " + sku + " must be a non-negative integer, not '" + count + "'");
          }
          onHand.put(sku, n);
        });
  }

  /** How many of {@code sku} are on hand; 0 for an unknown SKU. */
  int available(String sku) {
    return onHand.getOrDefault(sku, 0);
  }

  /** Takes {@code quantity} of {@code sku}: the count left, or empty when there is not enough. */
  OptionalInt reserve(String sku, int quantity) {
    int[] left = {-1};
    onHand.computeIfPresent(
        sku,
        (k, have) -> {
          if (have < quantity) {
            return have;
          }
          left[0] = have - quantity;
          return left[0];
        });
    return left[0] < 0 ? OptionalInt.empty() : OptionalInt.of(left[0]);
  }
}
