/** JMH benchmarks, side by side with the libraries servicekit is compared with. */
package dev.servicekit.benchmarks;
