/** Structured JSON logging as an SLF4J 2 provider. */
package dev.servicekit.logging;
