/**
 * A command-line query over the JSON log lines written by several servicekit services: the timeline
 * of one correlation ID across services, filters by service, level and time, and a summary per
 * correlation ID. Reads the {@code ecs}, {@code logstash} and {@code gcp} profiles and skips lines
 * that are not JSON. Entry point: {@link dev.servicekit.examples.logquery.LogQuery}.
 */
package dev.servicekit.examples.logquery;
