package dev.servicekit.testing.contract;

import dev.servicekit.testing.LocalConsul;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The Consul agent a {@link ConsulAgentContract} runs against: its address, the ACL token to write
 * with, and what the test can do to it (restart it wiped, wait for its reaper).
 *
 * <p>Build one with {@link #of(LocalConsul)} for {@link LocalConsul}, or {@link #real(URI, String)}
 * for a real agent (scenarios needing restart control are then skipped with a message).
 */
public final class AgentUnderTest {
  private final URI uri;
  private final String token;
  private final Runnable wipedRestart;
  private final Duration reapMinimum;
  private final Duration reapInterval;

  private AgentUnderTest(
      URI uri, String token, Runnable wipedRestart, Duration reapMinimum, Duration reapInterval) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.token = Objects.requireNonNull(token, "token");
    this.wipedRestart = wipedRestart;
    this.reapMinimum = reapMinimum;
    this.reapInterval = reapInterval;
  }

  /**
   * A {@link LocalConsul}: restartable, reaping with its (shortened) knobs.
   *
   * @param consul the running agent
   * @param token the management token it was built with, empty without ACLs
   * @param reapMinimum its {@code minimumDeregisterInterval}
   * @param reapInterval its {@code reapInterval}
   * @return the agent under test
   */
  public static AgentUnderTest of(
      LocalConsul consul, String token, Duration reapMinimum, Duration reapInterval) {
    return new AgentUnderTest(consul.uri(), token, consul::restartWiped, reapMinimum, reapInterval);
  }

  /**
   * A {@link LocalConsul} without ACLs and with Consul's default reaper (reaping scenarios are then
   * skipped as too slow).
   *
   * @param consul the running agent
   * @return the agent under test
   */
  public static AgentUnderTest of(LocalConsul consul) {
    return new AgentUnderTest(
        consul.uri(), "", consul::restartWiped, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  /**
   * A real agent, which the test cannot restart; its reaper runs on Consul's defaults (1 minute
   * minimum, every 30 seconds).
   *
   * @param uri e.g. {@code http://127.0.0.1:8500}
   * @param token the ACL token to write with, empty when ACLs are off
   * @return the agent under test
   */
  public static AgentUnderTest real(URI uri, String token) {
    return new AgentUnderTest(uri, token, null, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  /**
   * A real agent from {@code CONSUL_HTTP_ADDR} (host:port or a URL) and {@code CONSUL_HTTP_TOKEN}.
   *
   * @return the agent, or empty when {@code CONSUL_HTTP_ADDR} is not set
   */
  public static Optional<AgentUnderTest> fromEnvironment() {
    String addr = System.getenv("CONSUL_HTTP_ADDR");
    if (addr == null || addr.isBlank()) {
      return Optional.empty();
    }
    String base = addr.contains("://") ? addr : "http://" + addr;
    String token = System.getenv("CONSUL_HTTP_TOKEN");
    return Optional.of(real(URI.create(base), token == null ? "" : token));
  }

  /**
   * The agent's base URI.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * The ACL token to write with.
   *
   * @return the token, empty when ACLs are off
   */
  public String token() {
    return token;
  }

  /**
   * Whether the test can restart the agent with a wiped data directory.
   *
   * @return true for {@link LocalConsul}
   */
  public boolean canRestart() {
    return wipedRestart != null;
  }

  /** Restarts the agent with a wiped data directory. */
  public void restartWiped() {
    if (wipedRestart == null) {
      throw new UnsupportedOperationException("this agent cannot be restarted by the test");
    }
    wipedRestart.run();
  }

  /**
   * The lower bound the agent puts on {@code DeregisterCriticalServiceAfter}.
   *
   * @return the minimum (Consul: 1 minute)
   */
  public Duration reapMinimum() {
    return reapMinimum;
  }

  /**
   * How often the agent's reaper runs.
   *
   * @return the period (Consul: 30 seconds)
   */
  public Duration reapInterval() {
    return reapInterval;
  }
}
