/** Correlation-ID propagation across HTTP, threads and messaging. */
package dev.servicekit.correlation;
