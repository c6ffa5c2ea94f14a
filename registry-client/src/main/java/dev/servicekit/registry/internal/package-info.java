/**
 * Implementation of the Consul registry client; not API. Everything here may change without notice.
 */
package dev.servicekit.registry.internal;
