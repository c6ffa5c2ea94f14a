/** Test kit: an in-process Consul-compatible agent and log capture. */
@NullMarked
package dev.servicekit.testing;

import org.jspecify.annotations.NullMarked;
