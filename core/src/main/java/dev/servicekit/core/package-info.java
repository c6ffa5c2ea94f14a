/**
 * The service runtime: lifecycle, identity, configuration, health and the management endpoint.
 *
 * <p>Start with {@code ServiceRuntime.builder()}.
 */
package dev.servicekit.core;
