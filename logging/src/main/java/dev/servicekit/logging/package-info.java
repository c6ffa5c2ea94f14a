/** Structured JSON logging as an SLF4J 2 provider. */
@NullMarked
package dev.servicekit.logging;

import org.jspecify.annotations.NullMarked;
