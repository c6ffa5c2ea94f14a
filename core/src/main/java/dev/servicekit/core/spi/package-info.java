/**
 * Extension points through which other servicekit modules (and users) plug components into a {@code
 * ServiceRuntime}. Providers are found with {@link java.util.ServiceLoader} when the runtime
 * starts, never in a static initialiser.
 */
@NullMarked
package dev.servicekit.core.spi;

import org.jspecify.annotations.NullMarked;
