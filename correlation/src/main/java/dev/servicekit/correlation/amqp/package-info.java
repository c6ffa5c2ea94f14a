/**
 * Correlation for RabbitMQ through {@code com.rabbitmq:amqp-client} 5.x: message headers {@code
 * correlation_id}, {@code traceparent}, {@code tracestate} and {@code baggage}, and per-delivery
 * consumer scopes.
 *
 * <p>This package needs {@code com.rabbitmq:amqp-client} on the classpath; nothing else in
 * servicekit loads it.
 */
@NullMarked
package dev.servicekit.correlation.amqp;

import org.jspecify.annotations.NullMarked;
