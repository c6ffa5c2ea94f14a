/** Benchmarks of the Consul registry client: choosing an instance, registering at start. */
package dev.servicekit.benchmarks.registry;
