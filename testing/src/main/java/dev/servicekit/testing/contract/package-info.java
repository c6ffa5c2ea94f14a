/**
 * A JUnit 5 contract that any Consul agent can be checked against: extend {@link
 * dev.servicekit.testing.contract.ConsulAgentContract} and say which agent to run against with
 * {@link dev.servicekit.testing.contract.AgentUnderTest}. Needs JUnit Jupiter on the test class
 * path.
 */
@NullMarked
package dev.servicekit.testing.contract;

import org.jspecify.annotations.NullMarked;
