/**
 * The one place where servicekit reads a setting and resolves a service identity: the precedence
 * (builder &gt; system property &gt; environment variable &gt; default), the value grammars, {@code
 * OTEL_RESOURCE_ATTRIBUTES}, the identity chain, the error format, and the process-wide layer
 * through which a started runtime's builder values reach modules that do not know it.
 *
 * <p>Start with {@link dev.servicekit.config.ServiceConfig} and {@link
 * dev.servicekit.config.ProcessConfig}.
 */
@NullMarked
package dev.servicekit.config;

import org.jspecify.annotations.NullMarked;
