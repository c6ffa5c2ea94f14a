package dev.servicekit.examples.logquery;

import java.time.Instant;
import java.util.Optional;

/**
 * One JSON log line, reduced to the fields a cross-service query needs. Text fields are never null:
 * a field the line did not carry is the empty string.
 *
 * @param timestamp when the event happened, if the line said so in a form this tool understands
 * @param level severity, {@link Level#UNKNOWN} when absent
 * @param service the service name; falls back to the source's name when the line has none
 * @param instance the service instance (instance ID or node name), or empty
 * @param logger the logger name, or empty
 * @param message the log message, or empty
 * @param correlationId the correlation ID from the MDC, or empty
 * @param traceId the W3C trace ID, without any {@code projects/.../traces/} prefix, or empty
 * @param error the first line of an attached error (type and message), or empty
 * @param source the file (or {@code -} for standard input) the line came from
 * @param lineNumber the 1-based line number within the source
 * @param raw the line as read
 */
record LogEvent(
    Optional<Instant> timestamp,
    Level level,
    String service,
    String instance,
    String logger,
    String message,
    String correlationId,
    String traceId,
    String error,
    String source,
    long lineNumber,
    String raw) {}
