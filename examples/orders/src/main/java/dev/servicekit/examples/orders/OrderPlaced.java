package dev.servicekit.examples.orders;

/**
 * The event published once an order is accepted. On the wire it is a JMS {@code MapMessage} with
 * the entries {@code orderId}, {@code sku} and {@code quantity}; the correlation travels as the
 * message's {@code correlation_id} (and {@code traceparent}) string properties.
 *
 * @param orderId the order's ID
 * @param sku the ordered item
 * @param quantity how many
 */
record OrderPlaced(String orderId, String sku, int quantity) {}
