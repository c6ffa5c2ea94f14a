/**
 * Implementation of the servicekit test kit: the Consul-compatible agent's state, HTTP routes,
 * check runners and a small strict JSON reader and writer. Not API: anything here may change.
 */
@NullMarked
package dev.servicekit.testing.internal;

import org.jspecify.annotations.NullMarked;
