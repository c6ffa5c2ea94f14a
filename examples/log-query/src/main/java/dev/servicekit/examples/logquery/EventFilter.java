package dev.servicekit.examples.logquery;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Decides which events a query keeps: by correlation or trace ID, service, minimum level and time
 * range. A time range drops events without a timestamp, since they cannot be placed in it.
 */
final class EventFilter implements Predicate<LogEvent> {

  private final QueryOptions options;

  EventFilter(QueryOptions options) {
    this.options = options;
  }

  @Override
  public boolean test(LogEvent event) {
    if (options.id().isPresent()) {
      String id = options.id().get();
      if (!id.equals(event.correlationId()) && !id.equalsIgnoreCase(event.traceId())) {
        return false;
      }
    }
    if (!options.services().isEmpty()
        && !options.services().contains(event.service().toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (options.minimumLevel().isPresent()
        && !event.level().atLeast(options.minimumLevel().get())) {
      return false;
    }
    if (options.since().isPresent() || options.until().isPresent()) {
      if (event.timestamp().isEmpty()) {
        return false;
      }
      Instant at = event.timestamp().get();
      if (options.since().isPresent() && at.isBefore(options.since().get())) {
        return false;
      }
      if (options.until().isPresent() && !at.isBefore(options.until().get())) {
        return false;
      }
    }
    return true;
  }
}
