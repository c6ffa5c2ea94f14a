/**
 * JSON log encoding benchmarks: servicekit-logging beside logstash-logback-encoder and Log4j2's
 * JsonTemplateLayout, each encoding the same event into a byte-counting sink.
 */
package dev.servicekit.benchmarks.logging;
