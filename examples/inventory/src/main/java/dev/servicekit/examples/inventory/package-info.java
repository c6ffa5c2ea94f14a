/**
 * The inventory example service: keeps stock in memory and reserves it over HTTP ({@code GET} and
 * {@code POST /reserve}), naming the instance that answered. Start with {@link
 * dev.servicekit.examples.inventory.InventoryApp}.
 */
package dev.servicekit.examples.inventory;
