/**
 * The headline logging benchmarks: one SLF4J call to the bytes in a sink, for servicekit and each
 * library it is compared with, each in forks bound to its own SLF4J provider.
 */
package dev.servicekit.benchmarks.logging.endtoend;
