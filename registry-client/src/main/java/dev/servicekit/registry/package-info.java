/** Consul self-registration and discovery. */
@NullMarked
package dev.servicekit.registry;

import org.jspecify.annotations.NullMarked;
