/**
 * What the demo and the end-to-end test run around the example services: {@link
 * dev.servicekit.examples.infra.DemoBroker}, an embedded ActiveMQ Artemis broker reachable over
 * TCP, and {@link dev.servicekit.examples.infra.DemoClient}, which places orders and asks the
 * Consul agent what is registered. Not a template for services.
 */
package dev.servicekit.examples.infra;
