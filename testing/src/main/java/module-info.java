/**
 * servicekit-testing: the test kit for servicekit users. An in-process Consul-compatible agent
 * ({@link dev.servicekit.testing.LocalConsul}), capture of the JSON lines a service logs, and a
 * JUnit 5 contract that any Consul agent can be checked against.
 *
 * <p>JUnit is the user's own: {@code org.junit.jupiter.api} is read when present, and the contract
 * package is open to JUnit, which calls its lifecycle methods reflectively.
 */
module dev.servicekit.testing {
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.httpserver;
  requires static transitive org.jspecify;
  requires static org.junit.jupiter.api;

  exports dev.servicekit.testing;
  exports dev.servicekit.testing.contract;

  opens dev.servicekit.testing.contract to
      org.junit.platform.commons;
}
