/**
 * Correlation for Apache Kafka: a producer interceptor that stamps the current correlation as
 * record headers, and per-record consumer scopes.
 *
 * <p>Headers are {@code correlation_id}, {@code traceparent}, {@code tracestate} and {@code
 * baggage}, each as UTF-8 bytes; when a record carries a header more than once, the last value
 * wins. This package needs {@code org.apache.kafka:kafka-clients} on the classpath; nothing else in
 * servicekit loads it.
 */
@NullMarked
package dev.servicekit.correlation.kafka;

import org.jspecify.annotations.NullMarked;
