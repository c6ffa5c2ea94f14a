package dev.servicekit.testing.internal;

/**
 * The agent's node as the catalog shows it.
 *
 * @param id the node ID (a UUID)
 * @param name the node name
 * @param address the node address
 * @param datacenter the datacenter
 */
record NodeInfo(String id, String name, String address, String datacenter) {}
