/**
 * The orders example service: {@code POST /orders} reserves stock with the inventory service, found
 * through Consul, then publishes an {@code OrderPlaced} message to a JMS queue. The correlation ID
 * of the request travels with both. Start with {@link dev.servicekit.examples.orders.OrdersApp}.
 */
package dev.servicekit.examples.orders;
