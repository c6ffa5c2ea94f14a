package dev.servicekit.examples.shipping;

/**
 * A shipment scheduled for one order.
 *
 * @param shipmentId this shipment's ID
 * @param orderId the order it ships
 * @param sku the item
 * @param quantity how many
 * @param correlationId the correlation ID of the order, as received with the message
 */
record Shipment(
    String shipmentId, String orderId, String sku, int quantity, String correlationId) {}
