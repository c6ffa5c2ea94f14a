/** Benchmarks of servicekit-core: the cost of a {@code /metrics} scrape. */
package dev.servicekit.benchmarks.core;
