/** Implementation of servicekit-correlation. Not API: anything here may change without notice. */
package dev.servicekit.correlation.internal;
