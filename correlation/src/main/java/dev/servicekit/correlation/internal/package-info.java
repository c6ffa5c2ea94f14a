/** Implementation of servicekit-correlation. Not API: anything here may change without notice. */
@NullMarked
package dev.servicekit.correlation.internal;

import org.jspecify.annotations.NullMarked;
