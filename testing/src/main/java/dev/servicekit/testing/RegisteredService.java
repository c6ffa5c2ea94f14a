package dev.servicekit.testing;

import java.util.List;
import java.util.Map;

/**
 * A service registered with a {@link LocalConsul}, as a test sees it.
 *
 * @param id the service ID
 * @param name the service name
 * @param tags the tags
 * @param address the service address (may be empty)
 * @param port the port
 * @param meta the metadata
 */
public record RegisteredService(
    String id,
    String name,
    List<String> tags,
    String address,
    int port,
    Map<String, String> meta) {}
