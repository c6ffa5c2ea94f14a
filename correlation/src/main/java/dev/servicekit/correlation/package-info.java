/** Correlation-ID propagation across HTTP, threads and messaging. */
@NullMarked
package dev.servicekit.correlation;

import org.jspecify.annotations.NullMarked;
