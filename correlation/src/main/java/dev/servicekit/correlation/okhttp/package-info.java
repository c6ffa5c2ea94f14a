/** Correlation for OkHttp clients; needs {@code com.squareup.okhttp3:okhttp} (optional). */
package dev.servicekit.correlation.okhttp;
