/** Correlation for OkHttp clients; needs {@code com.squareup.okhttp3:okhttp} (optional). */
@NullMarked
package dev.servicekit.correlation.okhttp;

import org.jspecify.annotations.NullMarked;
