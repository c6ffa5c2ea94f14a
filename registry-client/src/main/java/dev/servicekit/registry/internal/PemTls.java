package dev.servicekit.registry.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} for talking to the agent from PEM files, as Consul's tools use
 * them: a CA bundle, and optionally a client certificate chain with its private key (PKCS#8 {@code
 * PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}, unencrypted).
 *
 * <p>Hand-written because the JDK reads no PEM (its PEM API is a preview in JDK 25) and
 * BouncyCastle's bcpkix would put a crypto provider of several megabytes into every service for
 * four block types; {@code PemTlsAgainstBouncyCastleTest} checks it against BouncyCastle's parser.
 */
final class PemTls {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  /**
   * Creates the context.
   *
   * @param caCert trusted CA certificates; empty means the JDK's default trust store
   * @param clientCert client certificate chain, present together with {@code clientKey}
   * @param verify false trusts any server certificate (CONSUL_HTTP_SSL_VERIFY=false)
   */
  static SSLContext context(
      Optional<Path> caCert, Optional<Path> clientCert, Optional<Path> clientKey, boolean verify)
      throws IOException, GeneralSecurityException {
    TrustManager[] trust;
    if (!verify) {
      trust = new TrustManager[] {new TrustAll()};
    } else if (caCert.isPresent()) {
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      int i = 0;
      for (X509Certificate cert : certificates(caCert.get())) {
        ts.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      trust = tmf.getTrustManagers();
    } else {
      trust = null;
    }
    KeyManagerFactory kmf = null;
    if (clientCert.isPresent() && clientKey.isPresent()) {
      List<X509Certificate> chain = certificates(clientCert.get());
      PrivateKey key = privateKey(clientKey.get());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, NO_PASSWORD);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
    return ctx;
  }

  static List<X509Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(file)) {
      if (b.type().equals("CERTIFICATE")) {
        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
      }
    }
    if (out.isEmpty()) {
      throw new GeneralSecurityException("no CERTIFICATE block in " + file);
    }
    return out;
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    for (Block b : blocks(file)) {
      switch (b.type()) {
        case "PRIVATE KEY":
          return pkcs8(b.der());
        case "RSA PRIVATE KEY":
          return pkcs8(Der.wrapRsa(b.der()));
        case "EC PRIVATE KEY":
          return pkcs8(Der.wrapEc(b.der()));
        case "ENCRYPTED PRIVATE KEY":
          throw new GeneralSecurityException("encrypted private keys are not supported: " + file);
        default:
          // skip parameters and other blocks
      }
    }
    throw new GeneralSecurityException("no private key block in " + file);
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported private key algorithm", last);
  }

  private static List<Block> blocks(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    List<Block> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  private record Block(String type, byte[] der) {}

  /** Minimal DER building to wrap PKCS#1 and SEC1 keys into PKCS#8. */
  static final class Der {
    private static final byte[] RSA_ALG = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    private static final byte[] EC_PUBLIC_KEY_OID = {
      0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
    };

    private Der() {}

    static byte[] wrapRsa(byte[] pkcs1) {
      return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALG, tlv(0x04, pkcs1)));
    }

    /** SEC1 ECPrivateKey carries the curve OID in its [0] field; PKCS#8 wants it outside. */
    static byte[] wrapEc(byte[] sec1) throws GeneralSecurityException {
      byte[] curve = findCurveOid(sec1);
      byte[] alg = sequence(concat(EC_PUBLIC_KEY_OID, curve));
      return sequence(concat(new byte[] {0x02, 0x01, 0x00}, alg, tlv(0x04, sec1)));
    }

    private static byte[] findCurveOid(byte[] sec1) throws GeneralSecurityException {
      // SEQUENCE { INTEGER 1, OCTET STRING key, [0] { OID curve }, [1] ... }
      int[] pos = {0};
      expect(sec1, pos, 0x30);
      int end = length(sec1, pos) + pos[0];
      while (pos[0] < end) {
        int tag = sec1[pos[0]++] & 0xff;
        int len = length(sec1, pos);
        if (tag == 0xa0) {
          int start = pos[0];
          if ((sec1[start] & 0xff) != 0x06) {
            break;
          }
          byte[] oid = new byte[len];
          System.arraycopy(sec1, start, oid, 0, len);
          return oid;
        }
        pos[0] += len;
      }
      throw new GeneralSecurityException("EC private key without named curve parameters");
    }

    private static void expect(byte[] der, int[] pos, int tag) throws GeneralSecurityException {
      if ((der[pos[0]++] & 0xff) != tag) {
        throw new GeneralSecurityException("malformed DER");
      }
    }

    private static int length(byte[] der, int[] pos) {
      int first = der[pos[0]++] & 0xff;
      if (first < 0x80) {
        return first;
      }
      int n = first & 0x7f;
      int len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[pos[0]++] & 0xff);
      }
      return len;
    }

    static byte[] sequence(byte[] content) {
      return tlv(0x30, content);
    }

    static byte[] tlv(int tag, byte[] content) {
      byte[] len;
      if (content.length < 0x80) {
        len = new byte[] {(byte) content.length};
      } else {
        byte[] digits = BigInteger.valueOf(content.length).toByteArray();
        int skip = digits[0] == 0 ? 1 : 0;
        len = new byte[digits.length - skip + 1];
        len[0] = (byte) (0x80 | (digits.length - skip));
        System.arraycopy(digits, skip, len, 1, digits.length - skip);
      }
      return concat(new byte[] {(byte) tag}, len, content);
    }

    static byte[] concat(byte[]... parts) {
      int n = 0;
      for (byte[] p : parts) {
        n += p.length;
      }
      byte[] out = new byte[n];
      int i = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, i, p.length);
        i += p.length;
      }
      return out;
    }
  }

  /** CONSUL_HTTP_SSL_VERIFY=false: accept any server certificate, as the consul CLI does. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
