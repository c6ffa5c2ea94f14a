/**
 * Correlation for Jakarta Messaging (JMS 3): string message properties {@code correlation_id},
 * {@code traceparent}, {@code tracestate} and {@code baggage} (legal JMS property names), and
 * per-message consumer scopes.
 *
 * <p>This package needs {@code jakarta.jms:jakarta.jms-api} on the classpath; nothing else in
 * servicekit loads it.
 */
@NullMarked
package dev.servicekit.correlation.jms;

import org.jspecify.annotations.NullMarked;
