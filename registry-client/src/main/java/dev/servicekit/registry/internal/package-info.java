/**
 * Implementation of the Consul registry client; not API. Everything here may change without notice.
 */
@NullMarked
package dev.servicekit.registry.internal;

import org.jspecify.annotations.NullMarked;
