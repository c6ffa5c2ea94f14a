/** Correlation for Jakarta Servlet 6 containers; needs {@code jakarta.servlet-api} (optional). */
@NullMarked
package dev.servicekit.correlation.servlet;

import org.jspecify.annotations.NullMarked;
