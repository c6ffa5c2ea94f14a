/** Consul self-registration and discovery. */
package dev.servicekit.registry;
