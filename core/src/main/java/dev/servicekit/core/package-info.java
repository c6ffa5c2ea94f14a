/**
 * The service runtime: lifecycle, identity, configuration, health and the management endpoint.
 *
 * <p>Start with {@code ServiceRuntime.builder()}.
 */
@NullMarked
package dev.servicekit.core;

import org.jspecify.annotations.NullMarked;
