/**
 * Seams through which modules that do not know the runtime still take part in its start: checks of
 * their settings (so a bad value fails {@code start()}) and meters (bound to the runtime's
 * Micrometer registry). Implementations are found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services}.
 */
@NullMarked
package dev.servicekit.config.spi;

import org.jspecify.annotations.NullMarked;
