/** Correlation for Jakarta Servlet 6 containers; needs {@code jakarta.servlet-api} (optional). */
package dev.servicekit.correlation.servlet;
