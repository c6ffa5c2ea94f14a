/**
 * Correlation for the JDK's own HTTP server ({@code com.sun.net.httpserver}) and client ({@code
 * java.net.http}): no extra dependency.
 */
@NullMarked
package dev.servicekit.correlation.http;

import org.jspecify.annotations.NullMarked;
