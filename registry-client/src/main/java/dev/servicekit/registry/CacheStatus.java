package dev.servicekit.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How fresh the cached instances of one service are.
 *
 * @param lastSuccess when the registry last answered for this service; empty before the first
 *     answer
 * @param age time since {@code lastSuccess}; {@link Duration#ZERO} before the first answer
 * @param stale true when the latest attempt to reach the registry failed, so the instances served
 *     are the last known set
 * @param lastError a short description of the latest failure, empty when the latest attempt
 *     succeeded
 */
public record CacheStatus(
    Optional<Instant> lastSuccess, Duration age, boolean stale, Optional<String> lastError) {}
