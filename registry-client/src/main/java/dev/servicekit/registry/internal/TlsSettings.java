package dev.servicekit.registry.internal;

import dev.servicekit.config.ConfigException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to the agent, used when the address is {@code https}: {@code CONSUL_HTTP_SSL_VERIFY}, {@code
 * CONSUL_CACERT}, {@code CONSUL_CLIENT_CERT} and {@code CONSUL_CLIENT_KEY} (or their {@code
 * servicekit.registry.*} keys).
 *
 * @param verify false trusts any agent certificate
 * @param caCert trusted CA certificates; empty means the JDK's default trust store
 * @param clientCert client certificate chain, present exactly when {@code clientKey} is
 */
record TlsSettings(
    boolean verify, Optional<Path> caCert, Optional<Path> clientCert, Optional<Path> clientKey) {

  static TlsSettings read(RegistryKeys keys) {
    boolean verify = keys.bool("ssl-verify", "CONSUL_HTTP_SSL_VERIFY", true);
    Optional<Path> caCert = keys.pemFile("cacert", "CONSUL_CACERT");
    Optional<Path> clientCert = keys.pemFile("client-cert", "CONSUL_CLIENT_CERT");
    Optional<Path> clientKey = keys.pemFile("client-key", "CONSUL_CLIENT_KEY");
    if (clientCert.isPresent() != clientKey.isPresent()) {
      throw new ConfigException(
          clientCert.isPresent() ? "CONSUL_CLIENT_KEY" : "CONSUL_CLIENT_CERT",
          null,
          null,
          "a client certificate and a client key, both or neither");
    }
    return new TlsSettings(verify, caCert, clientCert, clientKey);
  }
}
