package dev.servicekit.testing;

/**
 * A check registered with a {@link LocalConsul} and its current result.
 *
 * @param checkId the check ID (e.g. {@code service:orders-1})
 * @param name the check name
 * @param serviceId the owning service's ID
 * @param type {@code http}, {@code tcp} or {@code ttl}
 * @param status {@code passing}, {@code warning} or {@code critical}
 * @param output the last output
 */
public record RegisteredCheck(
    String checkId, String name, String serviceId, String type, String status, String output) {}
