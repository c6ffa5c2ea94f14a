/**
 * Implementation of servicekit-logging: the SLF4J provider, the JSON encoder and the asynchronous
 * writer. Not API: names here may change in any release.
 */
@NullMarked
package dev.servicekit.logging.internal;

import org.jspecify.annotations.NullMarked;
