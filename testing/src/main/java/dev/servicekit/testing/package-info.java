/** Test kit: an in-process Consul-compatible agent and log capture. */
package dev.servicekit.testing;
