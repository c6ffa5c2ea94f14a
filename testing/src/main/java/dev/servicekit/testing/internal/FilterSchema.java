package dev.servicekit.testing.internal;

import java.util.Map;

/**
 * The shape of the data an endpoint's {@code ?filter} runs over, so that a selector naming no field
 * is refused when the expression is parsed (as Consul's evaluator refuses it), not silently false.
 */
sealed interface FilterSchema {
  /** A string field. */
  record Text() implements FilterSchema {}

  /** An integer field. */
  record Number() implements FilterSchema {}

  /** A boolean field. */
  record Bool() implements FilterSchema {}

  /**
   * A list.
   *
   * @param element the elements' shape
   */
  record ListOf(FilterSchema element) implements FilterSchema {}

  /**
   * A map with string keys.
   *
   * @param value the values' shape
   */
  record MapOf(FilterSchema value) implements FilterSchema {}

  /**
   * A struct.
   *
   * @param fields the fields by their Go names
   */
  record Struct(Map<String, FilterSchema> fields) implements FilterSchema {}

  /** Strings. */
  FilterSchema TEXT = new Text();

  /** Integers. */
  FilterSchema NUMBER = new Number();

  /** Booleans. */
  FilterSchema BOOL = new Bool();

  /** {@code Weights}. */
  FilterSchema WEIGHTS = new Struct(Map.of("Passing", NUMBER, "Warning", NUMBER));

  /** {@code TaggedAddresses} of a service. */
  FilterSchema SERVICE_ADDRESSES = new MapOf(new Struct(Map.of("Address", TEXT, "Port", NUMBER)));

  /** An agent service ({@code /v1/agent/services}) and a health entry's {@code Service}. */
  FilterSchema SERVICE =
      new Struct(
          Map.ofEntries(
              Map.entry("Kind", TEXT),
              Map.entry("ID", TEXT),
              Map.entry("Service", TEXT),
              Map.entry("Tags", new ListOf(TEXT)),
              Map.entry("Meta", new MapOf(TEXT)),
              Map.entry("Port", NUMBER),
              Map.entry("Address", TEXT),
              Map.entry("TaggedAddresses", SERVICE_ADDRESSES),
              Map.entry("Weights", WEIGHTS),
              Map.entry("EnableTagOverride", BOOL),
              Map.entry("Datacenter", TEXT)));

  /** A check ({@code /v1/agent/checks}) and an element of a health entry's {@code Checks}. */
  FilterSchema CHECK =
      new Struct(
          Map.ofEntries(
              Map.entry("Node", TEXT),
              Map.entry("CheckID", TEXT),
              Map.entry("Name", TEXT),
              Map.entry("Status", TEXT),
              Map.entry("Notes", TEXT),
              Map.entry("Output", TEXT),
              Map.entry("ServiceID", TEXT),
              Map.entry("ServiceName", TEXT),
              Map.entry("ServiceTags", new ListOf(TEXT)),
              Map.entry("Type", TEXT)));

  /** A health entry's {@code Node}. */
  FilterSchema NODE =
      new Struct(
          Map.of(
              "ID", TEXT,
              "Node", TEXT,
              "Address", TEXT,
              "Datacenter", TEXT,
              "TaggedAddresses", new MapOf(TEXT),
              "Meta", new MapOf(TEXT)));

  /** A {@code /v1/health/service/:name} entry. */
  FilterSchema HEALTH_ENTRY =
      new Struct(Map.of("Node", NODE, "Service", SERVICE, "Checks", new ListOf(CHECK)));

  /** A {@code /v1/catalog/service/:name} entry. */
  FilterSchema CATALOG_ENTRY =
      new Struct(
          Map.ofEntries(
              Map.entry("ID", TEXT),
              Map.entry("Node", TEXT),
              Map.entry("Address", TEXT),
              Map.entry("Datacenter", TEXT),
              Map.entry("TaggedAddresses", new MapOf(TEXT)),
              Map.entry("NodeMeta", new MapOf(TEXT)),
              Map.entry("ServiceKind", TEXT),
              Map.entry("ServiceID", TEXT),
              Map.entry("ServiceName", TEXT),
              Map.entry("ServiceTags", new ListOf(TEXT)),
              Map.entry("ServiceAddress", TEXT),
              Map.entry("ServiceTaggedAddresses", SERVICE_ADDRESSES),
              Map.entry("ServiceWeights", WEIGHTS),
              Map.entry("ServiceMeta", new MapOf(TEXT)),
              Map.entry("ServicePort", NUMBER),
              Map.entry("ServiceEnableTagOverride", BOOL)));
}
