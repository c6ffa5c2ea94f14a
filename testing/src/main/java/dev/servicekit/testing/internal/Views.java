package dev.servicekit.testing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders agent state as the JSON objects Consul's endpoints answer with (PascalCase fields). */
final class Views {
  /** The Consul version this agent reports. */
  public static final String VERSION = "1.20.0";

  private Views() {}

  /**
   * A service as {@code /v1/agent/services} shows it.
   *
   * @param e the entry
   * @param datacenter the agent's datacenter
   * @return the JSON object
   */
  public static Map<String, Object> agentService(ServiceEntry e, String datacenter) {
    ServiceDefinition d = e.definition();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", d.id());
    m.put("Service", d.name());
    m.put("Tags", d.tags());
    m.put("Meta", new java.util.TreeMap<>(d.meta()));
    m.put("Port", d.port());
    m.put("Address", d.address());
    putTaggedAddresses(m, "TaggedAddresses", d);
    m.put("Weights", weights(d));
    m.put("EnableTagOverride", d.enableTagOverride());
    m.put("Datacenter", datacenter);
    return m;
  }

  /**
   * A service as {@code /v1/agent/service/:id} shows it, with its {@code ContentHash}.
   *
   * @param e the entry
   * @param datacenter the agent's datacenter
   * @return the JSON object
   */
  public static Map<String, Object> agentServiceWithHash(ServiceEntry e, String datacenter) {
    Map<String, Object> m = agentService(e, datacenter);
    m.put("ContentHash", contentHash(JsonWriter.write(m)));
    return m;
  }

  /**
   * A stable short hash of a rendered service, for {@code X-Consul-ContentHash}.
   *
   * @param rendered the rendered JSON
   * @return 16 hex digits
   */
  public static String contentHash(String rendered) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(rendered.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        sb.append(String.format("%02x", digest[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Go's {@code omitempty}: the field is left out when the service has no tagged address. */
  private static void putTaggedAddresses(Map<String, Object> m, String field, ServiceDefinition d) {
    if (d.taggedAddresses().isEmpty()) {
      return;
    }
    Map<String, Object> out = new java.util.TreeMap<>();
    for (Map.Entry<String, ServiceDefinition.TaggedAddress> e : d.taggedAddresses().entrySet()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("Address", e.getValue().address());
      a.put("Port", e.getValue().port());
      out.put(e.getKey(), a);
    }
    m.put(field, out);
  }

  private static Map<String, Object> weights(ServiceDefinition d) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("Passing", d.weightPassing());
    w.put("Warning", d.weightWarning());
    return w;
  }

  /**
   * A check as {@code /v1/agent/checks} and {@code /v1/health/service} show it.
   *
   * @param c the entry
   * @param node the node
   * @return the JSON object
   */
  public static Map<String, Object> check(CheckEntry c, NodeInfo node) {
    CheckDefinition d = c.definition();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Node", node.name());
    m.put("CheckID", c.checkId());
    m.put("Name", c.name());
    m.put("Status", c.status());
    m.put("Notes", c.notes());
    m.put("Output", c.output());
    m.put("ServiceID", c.serviceId());
    m.put("ServiceName", c.serviceName());
    m.put("ServiceTags", c.serviceTags());
    m.put("Type", d.type());
    m.put("Interval", d.interval().isZero() ? "" : GoDuration.format(d.interval()));
    m.put("Timeout", d.timeout().isZero() ? "" : GoDuration.format(d.timeout()));
    m.put("ExposedPort", 0);
    m.put("Definition", new LinkedHashMap<>());
    m.put("CreateIndex", c.createIndex());
    m.put("ModifyIndex", c.modifyIndex());
    return m;
  }

  /**
   * The node's {@code serfHealth} check, always passing.
   *
   * @param node the node
   * @param bootIndex the index at which the node joined
   * @return the JSON object
   */
  public static Map<String, Object> serfHealth(NodeInfo node, long bootIndex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Node", node.name());
    m.put("CheckID", "serfHealth");
    m.put("Name", "Serf Health Status");
    m.put("Status", AgentState.PASSING);
    m.put("Notes", "");
    m.put("Output", "Agent alive and reachable");
    m.put("ServiceID", "");
    m.put("ServiceName", "");
    m.put("ServiceTags", List.of());
    m.put("Type", "");
    m.put("Interval", "");
    m.put("Timeout", "");
    m.put("ExposedPort", 0);
    m.put("Definition", new LinkedHashMap<>());
    m.put("CreateIndex", bootIndex);
    m.put("ModifyIndex", bootIndex);
    return m;
  }

  /**
   * The node as {@code /v1/health/service} shows it.
   *
   * @param node the node
   * @param bootIndex the index at which the node joined
   * @return the JSON object
   */
  public static Map<String, Object> node(NodeInfo node, long bootIndex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", node.id());
    m.put("Node", node.name());
    m.put("Address", node.address());
    m.put("Datacenter", node.datacenter());
    m.put("TaggedAddresses", taggedAddresses(node));
    m.put("Meta", nodeMeta());
    m.put("CreateIndex", bootIndex);
    m.put("ModifyIndex", bootIndex);
    return m;
  }

  private static Map<String, Object> taggedAddresses(NodeInfo node) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lan", node.address());
    m.put("lan_ipv4", node.address());
    m.put("wan", node.address());
    m.put("wan_ipv4", node.address());
    return m;
  }

  private static Map<String, Object> nodeMeta() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("consul-network-segment", "");
    m.put("consul-version", VERSION);
    return m;
  }

  private static Map<String, Object> proxy() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Mode", "");
    m.put("MeshGateway", new LinkedHashMap<>());
    m.put("Expose", new LinkedHashMap<>());
    return m;
  }

  /**
   * A service as the {@code Service} field of a {@code /v1/health/service} entry.
   *
   * @param e the entry
   * @return the JSON object
   */
  public static Map<String, Object> healthService(ServiceEntry e) {
    ServiceDefinition d = e.definition();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", d.id());
    m.put("Service", d.name());
    m.put("Tags", d.tags());
    m.put("Address", d.address());
    putTaggedAddresses(m, "TaggedAddresses", d);
    m.put("Meta", new java.util.TreeMap<>(d.meta()));
    m.put("Port", d.port());
    m.put("Weights", weights(d));
    m.put("EnableTagOverride", d.enableTagOverride());
    m.put("Proxy", proxy());
    m.put("Connect", new LinkedHashMap<>());
    m.put("PeerName", "");
    m.put("CreateIndex", e.createIndex());
    m.put("ModifyIndex", e.modifyIndex());
    return m;
  }

  /**
   * One {@code /v1/health/service/:name} entry.
   *
   * @param state the agent state (read under its lock by the caller)
   * @param e the service instance
   * @return the JSON object with {@code Node}, {@code Service} and {@code Checks}
   */
  public static Map<String, Object> healthEntry(AgentState state, ServiceEntry e) {
    NodeInfo node = state.node();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Node", node(node, state.bootIndex()));
    m.put("Service", healthService(e));
    List<Object> checks = new ArrayList<>();
    checks.add(serfHealth(node, state.bootIndex()));
    for (CheckEntry c : state.checksOf("")) {
      checks.add(check(c, node));
    }
    for (CheckEntry c : state.checksOf(e.definition().id())) {
      checks.add(check(c, node));
    }
    m.put("Checks", checks);
    return m;
  }

  /**
   * One {@code /v1/catalog/service/:name} entry.
   *
   * @param state the agent state
   * @param e the service instance
   * @return the JSON object
   */
  public static Map<String, Object> catalogEntry(AgentState state, ServiceEntry e) {
    NodeInfo node = state.node();
    ServiceDefinition d = e.definition();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", node.id());
    m.put("Node", node.name());
    m.put("Address", node.address());
    m.put("Datacenter", node.datacenter());
    m.put("TaggedAddresses", taggedAddresses(node));
    m.put("NodeMeta", nodeMeta());
    m.put("ServiceKind", "");
    m.put("ServiceID", d.id());
    m.put("ServiceName", d.name());
    m.put("ServiceTags", d.tags());
    m.put("ServiceAddress", d.address());
    putTaggedAddresses(m, "ServiceTaggedAddresses", d);
    m.put("ServiceWeights", weights(d));
    m.put("ServiceMeta", new java.util.TreeMap<>(d.meta()));
    m.put("ServicePort", d.port());
    m.put("ServiceEnableTagOverride", d.enableTagOverride());
    m.put("ServiceProxy", proxy());
    m.put("ServiceConnect", new LinkedHashMap<>());
    m.put("CreateIndex", e.createIndex());
    m.put("ModifyIndex", e.modifyIndex());
    return m;
  }
}
