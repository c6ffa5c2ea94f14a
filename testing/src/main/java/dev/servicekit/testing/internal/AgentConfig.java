package dev.servicekit.testing.internal;

import java.time.Duration;

/**
 * Settings of one agent.
 *
 * @param datacenter the datacenter name
 * @param nodeName the node name
 * @param nodeId the node ID
 * @param aclToken the management token; empty turns ACLs off
 * @param minimumCheckInterval the lowest check interval (Consul: 1s)
 * @param minimumDeregisterInterval the lowest {@code DeregisterCriticalServiceAfter} (Consul: 1m)
 * @param reapInterval how often the critical-service reaper runs (Consul: 30s)
 */
public record AgentConfig(
    String datacenter,
    String nodeName,
    String nodeId,
    String aclToken,
    Duration minimumCheckInterval,
    Duration minimumDeregisterInterval,
    Duration reapInterval) {}
