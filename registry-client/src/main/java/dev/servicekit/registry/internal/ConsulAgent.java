package dev.servicekit.registry.internal;

import dev.servicekit.registry.ServiceInstance;
import java.time.Duration;
import java.util.List;

/** The calls the registry client makes to a Consul agent; our seam in front of consul-api. */
interface ConsulAgent extends AutoCloseable {

  /** {@code PUT /v1/agent/service/register?replace-existing-checks=true}. */
  void register(Registration registration) throws AgentException;

  /** {@code PUT /v1/agent/service/deregister/:id}; an unknown ID counts as done. */
  void deregister(String serviceId) throws AgentException;

  /**
   * {@code PUT /v1/agent/check/pass/:id}.
   *
   * @return false when the agent does not know the check (registration lost)
   */
  boolean passTtl(String checkId) throws AgentException;

  /**
   * {@code GET /v1/agent/service/:id}.
   *
   * @return false when the agent does not know the service (registration lost)
   */
  boolean isRegistered(String serviceId) throws AgentException;

  /**
   * {@code GET /v1/health/service/:name?passing=true}, blocking when {@code index > 0}.
   *
   * @param index the last seen {@code X-Consul-Index}, 0 for an immediate answer
   * @param wait the longest the agent should hold the request
   */
  Answer healthy(String serviceName, long index, Duration wait) throws AgentException;

  @Override
  void close();

  /** A health answer: the new index (0 when the agent sent none) and the passing instances. */
  record Answer(long index, List<ServiceInstance> instances) {}
}
