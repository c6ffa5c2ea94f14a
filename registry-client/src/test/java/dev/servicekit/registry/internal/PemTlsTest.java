package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.servicekit.config.ServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the agent with PEM files generated for the test: keytool makes the key pairs and
 * self-signed certificates (its {@code -rfc} export is PEM); the private keys are written as PEM
 * from the key store. A real {@link HttpsServer} plays the agent.
 */
class PemTlsTest {

  static final char[] PASS = "changeit".toCharArray();

  @TempDir static Path dir;
  static Path serverStore;
  static Path serverCert;
  static Path clientStore;
  static Path clientCert;
  static Path clientKey;
  static Path clientKeyPkcs1;

  @BeforeAll
  static void generateKeyPairs() throws Exception {
    serverStore = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "agent",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        serverStore.toString(),
        "-storepass",
        "changeit");
    serverCert = dir.resolve("agent-ca.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "agent",
        "-keystore",
        serverStore.toString(),
        "-storepass",
        "changeit",
        "-file",
        serverCert.toString());
    clientStore = dir.resolve("client.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "client",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=orders",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        clientStore.toString(),
        "-storepass",
        "changeit");
    clientCert = dir.resolve("client.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "client",
        "-keystore",
        clientStore.toString(),
        "-storepass",
        "changeit",
        "-file",
        clientCert.toString());
    KeyStore ks = load(clientStore);
    byte[] pkcs8 = ks.getKey("client", PASS).getEncoded();
    clientKey = pem(dir.resolve("client-key.pem"), "PRIVATE KEY", pkcs8);
    clientKeyPkcs1 = pem(dir.resolve("client-key-rsa.pem"), "RSA PRIVATE KEY", innerKey(pkcs8));
  }

  @Test
  void trustsTheAgentThroughTheCaCertificateFile() throws Exception {
    try (Agent agent = new Agent(false);
        ConsulApiAgent client =
            new ConsulApiAgent(settings(agent.port(), "servicekit.registry.cacert", serverCert))) {
      assertThat(client.isRegistered("orders-1")).isTrue();
    }
  }

  @Test
  void presentsTheClientCertificateForMutualTls() throws Exception {
    try (Agent agent = new Agent(true);
        ConsulApiAgent client =
            new ConsulApiAgent(
                settings(
                    agent.port(),
                    "servicekit.registry.cacert",
                    serverCert,
                    "servicekit.registry.client-cert",
                    clientCert,
                    "servicekit.registry.client-key",
                    clientKey))) {
      assertThat(client.isRegistered("orders-1")).isTrue();
      assertThat(agent.peer.get()).contains("CN=orders");
    }
  }

  @Test
  void failsWithoutAClientCertificateWhenTheAgentRequiresOne() throws Exception {
    try (Agent agent = new Agent(true);
        ConsulApiAgent client =
            new ConsulApiAgent(settings(agent.port(), "servicekit.registry.cacert", serverCert))) {
      assertThatThrownBy(() -> client.isRegistered("orders-1"))
          .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isZero());
    }
  }

  @Test
  void refusesAnAgentWhoseCertificateIsNotTrusted() throws Exception {
    try (Agent agent = new Agent(false);
        ConsulApiAgent client = new ConsulApiAgent(settings(agent.port()))) {
      assertThatThrownBy(() -> client.isRegistered("orders-1"))
          .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isZero());
    }
  }

  @Test
  void acceptsAnyAgentCertificateWhenVerificationIsOff() throws Exception {
    try (Agent agent = new Agent(false);
        ConsulApiAgent client =
            new ConsulApiAgent(settings(agent.port(), "servicekit.registry.ssl-verify", "false"))) {
      assertThat(client.isRegistered("orders-1")).isTrue();
    }
  }

  @Test
  void readsPkcs1RsaKeysAsTheSameKey() throws Exception {
    PrivateKey fromPkcs8 = PemTls.privateKey(clientKey);
    PrivateKey fromPkcs1 = PemTls.privateKey(clientKeyPkcs1);
    assertThat(fromPkcs1.getEncoded()).isEqualTo(fromPkcs8.getEncoded());
  }

  @Test
  void readsSec1EcKeysWithTheirNamedCurve() throws Exception {
    java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
    gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.interfaces.ECPrivateKey key =
        (java.security.interfaces.ECPrivateKey) gen.generateKeyPair().getPrivate();
    Path file = pem(dir.resolve("ec-key.pem"), "EC PRIVATE KEY", sec1(key.getEncoded()));

    PrivateKey read = PemTls.privateKey(file);

    assertThat(read).isInstanceOf(java.security.interfaces.ECPrivateKey.class);
    assertThat(((java.security.interfaces.ECPrivateKey) read).getS()).isEqualTo(key.getS());
  }

  @Test
  void rejectsAFileWithoutCertificates() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here");
    assertThatThrownBy(() -> PemTls.certificates(empty))
        .hasMessageContaining("no CERTIFICATE block");
  }

  private static ConsulSettings settings(int port, Object... extra) {
    Map<String, String> config = new HashMap<>();
    config.put("servicekit.registry.address", "https://127.0.0.1:" + port);
    config.put("servicekit.registry.request-timeout", "3s");
    for (int i = 0; i < extra.length; i += 2) {
      config.put((String) extra[i], extra[i + 1].toString());
    }
    return ConsulSettings.from(ServiceConfig.of(config, new Properties(), Map.of())).orElseThrow();
  }

  /** A real HTTPS server answering 200 to everything, optionally demanding a client certificate. */
  static final class Agent implements AutoCloseable {
    final HttpsServer server;
    final AtomicReference<String> peer = new AtomicReference<>("");

    Agent(boolean needClientAuth) throws Exception {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(serverStore), PASS);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("client", load(clientStore).getCertificate("client"));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(
          new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
              SSLParameters p = getSSLContext().getDefaultSSLParameters();
              p.setNeedClientAuth(needClientAuth);
              params.setSSLParameters(p);
            }
          });
      server.createContext(
          "/",
          ex -> {
            SSLSession session = ((com.sun.net.httpserver.HttpsExchange) ex).getSSLSession();
            try {
              Certificate[] certs = session.getPeerCertificates();
              peer.set(
                  ((java.security.cert.X509Certificate) certs[0])
                      .getSubjectX500Principal()
                      .getName());
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
              peer.set("");
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
          });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("keytool %s: %s", Arrays.toString(args), out).isZero();
  }

  private static KeyStore load(Path file) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASS);
    }
    return ks;
  }

  private static Path pem(Path file, String type, byte[] der) throws IOException {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n");
  }

  /** The OCTET STRING of a PKCS#8 PrivateKeyInfo: for RSA, the PKCS#1 key. */
  private static byte[] innerKey(byte[] pkcs8) {
    int[] pos = {0};
    header(pkcs8, pos); // outer SEQUENCE
    int version = header(pkcs8, pos);
    pos[0] += version;
    int algorithm = header(pkcs8, pos);
    pos[0] += algorithm;
    int len = header(pkcs8, pos); // OCTET STRING
    return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + len);
  }

  /**
   * Consul's tools write EC keys as SEC1 with the curve inside; the JDK's PKCS#8 encoding keeps the
   * curve outside. Rebuild the SEC1 form: version, private key, [0] curve OID.
   */
  private static byte[] sec1(byte[] pkcs8) {
    int[] pos = {0};
    header(pkcs8, pos); // outer SEQUENCE
    int version = header(pkcs8, pos);
    pos[0] += version;
    int algStart = pos[0];
    int algLen = header(pkcs8, pos); // AlgorithmIdentifier: { ecPublicKey OID, curve OID }
    int algContent = pos[0];
    int firstOid = header(pkcs8, pos);
    pos[0] += firstOid;
    byte[] curve = Arrays.copyOfRange(pkcs8, pos[0], algContent + algLen);
    pos[0] = algContent + algLen;
    int innerLen = header(pkcs8, pos); // OCTET STRING holding ECPrivateKey without parameters
    int[] in = {pos[0]};
    header(pkcs8, in); // ECPrivateKey SEQUENCE
    int ver = header(pkcs8, in);
    in[0] += ver;
    int keyTagAt = in[0];
    int keyLen = header(pkcs8, in);
    byte[] versionAndKey = Arrays.copyOfRange(pkcs8, keyTagAt - 3, in[0] + keyLen);
    assertThat(algStart).isPositive();
    assertThat(innerLen).isPositive();
    return PemTls.Der.sequence(PemTls.Der.concat(versionAndKey, PemTls.Der.tlv(0xa0, curve)));
  }

  private static int header(byte[] der, int[] pos) {
    pos[0]++; // tag
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }
}
