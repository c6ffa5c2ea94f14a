package dev.servicekit.testing.internal;

/**
 * One run of the agent, from start to stop: its state, check runner and ACLs. A restart makes a new
 * one; a period of unreachability keeps it.
 */
public final class Agent implements AutoCloseable {
  private final AgentConfig config;
  private final AgentState state;
  private final CheckRunner runner;
  private final Acl acl;

  /**
   * Starts an agent.
   *
   * @param config the settings
   * @param bootIndex the raft index at which it starts
   */
  public Agent(AgentConfig config, long bootIndex) {
    this.config = config;
    this.state =
        new AgentState(
            new NodeInfo(config.nodeId(), config.nodeName(), "127.0.0.1", config.datacenter()),
            bootIndex);
    this.runner =
        new CheckRunner(
            state,
            config.minimumCheckInterval(),
            config.minimumDeregisterInterval(),
            config.reapInterval());
    this.acl = new Acl(config.aclToken());
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public AgentConfig config() {
    return config;
  }

  /**
   * The state.
   *
   * @return the state
   */
  public AgentState state() {
    return state;
  }

  /**
   * The ACL system.
   *
   * @return the ACLs
   */
  public Acl acl() {
    return acl;
  }

  /** Stops the checks and wakes blocked queries. */
  @Override
  public void close() {
    runner.close();
    state.abortWaiters();
  }
}
