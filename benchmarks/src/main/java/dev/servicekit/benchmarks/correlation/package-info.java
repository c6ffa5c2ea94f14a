/** JMH benchmarks of servicekit-correlation against OpenTelemetry's W3C propagator and UUID. */
package dev.servicekit.benchmarks.correlation;
