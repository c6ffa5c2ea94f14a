package dev.servicekit.registry.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link ConsulAgent} over the agent's HTTP API: the agent and health endpoints the registry client
 * calls, what each answer means, on {@link ConsulTransport} (HTTP, TLS, token, error mapping) and
 * {@link ConsulMapping} (JSON, path segments).
 *
 * <p>Every call is our own request rather than consul-api's typed client, which does not cover
 * replace-existing-checks, Meta, the single-service lookup or blocking health queries with index
 * and wait under our control. Thread-safe.
 */
final class ConsulApiAgent implements ConsulAgent {

  private final ConsulTransport transport;

  /**
   * Sets up the transport; connects lazily.
   *
   * @throws IOException when the TLS material cannot be used
   */
  ConsulApiAgent(ConsulSettings settings) throws IOException {
    this.transport = new ConsulTransport(settings);
  }

  @Override
  public void register(Registration registration) throws AgentException {
    ConsulTransport.Reply reply =
        transport.put(
            "register",
            "/v1/agent/service/register",
            Map.of("replace-existing-checks", "true"),
            ConsulMapping.registrationJson(registration));
    if (reply.status() != 200) {
      throw transport.failure("register", reply);
    }
  }

  @Override
  public void deregister(String serviceId) throws AgentException {
    ConsulTransport.Reply reply =
        transport.put(
            "deregister",
            "/v1/agent/service/deregister/" + ConsulMapping.pathSegment(serviceId),
            Map.of());
    if (reply.status() != 200 && reply.status() != 404) {
      throw transport.failure("deregister", reply);
    }
  }

  @Override
  public boolean passTtl(String checkId) throws AgentException {
    ConsulTransport.Reply reply =
        transport.put(
            "heartbeat", "/v1/agent/check/pass/" + ConsulMapping.pathSegment(checkId), Map.of());
    if (reply.status() == 200) {
      return true;
    }
    if (reply.status() == 404 || unknownCheck(reply.body())) {
      return false;
    }
    throw transport.failure("heartbeat", reply);
  }

  /** Older agents answer 500 with this text for a check they do not know. */
  private static boolean unknownCheck(String body) {
    return body != null
        && (body.contains("Unknown check") || body.contains("does not have associated TTL"));
  }

  @Override
  public boolean isRegistered(String serviceId) throws AgentException {
    ConsulTransport.Reply reply =
        transport.get(
            "service lookup",
            "/v1/agent/service/" + ConsulMapping.pathSegment(serviceId),
            Map.of());
    if (reply.status() == 200) {
      return true;
    }
    if (reply.status() == 404) {
      return false;
    }
    throw transport.failure("service lookup", reply);
  }

  @Override
  public Answer healthy(String serviceName, long index, Duration wait) throws AgentException {
    String path = "/v1/health/service/" + ConsulMapping.pathSegment(serviceName);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("passing", "");
    ConsulTransport.Reply reply;
    if (index > 0) {
      query.put("index", Long.toUnsignedString(index));
      query.put("wait", wait.toMillis() + "ms");
      reply = transport.heldGet("health query", path, query);
    } else {
      reply = transport.get("health query", path, query);
    }
    if (reply.status() != 200) {
      throw transport.failure("health query", reply);
    }
    return new Answer(reply.index(), ConsulMapping.passingInstances(serviceName, reply.body()));
  }

  @Override
  public void close() {
    transport.close();
  }
}
