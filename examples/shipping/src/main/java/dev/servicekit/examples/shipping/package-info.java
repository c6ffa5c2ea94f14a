/**
 * The shipping example service: consumes {@code OrderPlaced} from a JMS queue, inside the
 * correlation of the order, and schedules a shipment ({@code GET /shipments} lists them). Start
 * with {@link dev.servicekit.examples.shipping.ShippingApp}.
 */
package dev.servicekit.examples.shipping;
