package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PemTls} reads what BouncyCastle writes, as BouncyCastle's own PEM parser reads it: keys
 * (RSA as PKCS#1 and PKCS#8, EC on two curves as SEC1 and PKCS#8, Ed25519) and certificate chains
 * generated here, in the layouts OpenSSL and Consul's tools produce.
 */
class PemTlsAgainstBouncyCastleTest {

  @TempDir static Path dir;
  static KeyPair rsa;
  static KeyPair p256;
  static KeyPair p384;
  static KeyPair ed25519;
  static List<X509Certificate> chain;

  @BeforeAll
  static void generate() throws Exception {
    KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
    rsaGen.initialize(2048);
    rsa = rsaGen.generateKeyPair();
    p256 = ec("secp256r1");
    p384 = ec("secp384r1");
    ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    X509Certificate root =
        certificate("CN=servicekit test root", rsa, "CN=servicekit test root", rsa, true);
    X509Certificate intermediate =
        certificate("CN=servicekit test intermediate", p384, "CN=servicekit test root", rsa, true);
    X509Certificate leaf =
        certificate("CN=orders", p256, "CN=servicekit test intermediate", p384, false);
    chain = List.of(leaf, intermediate, root);
  }

  @Test
  void readsRsaKeysInPkcs1AndPkcs8AsBouncyCastleDoes() throws Exception {
    Path pkcs1 = write("rsa-pkcs1.pem", rsa.getPrivate());
    Path pkcs8 = write("rsa-pkcs8.pem", new JcaPKCS8Generator(rsa.getPrivate(), null));
    assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(pkcs8)).startsWith("-----BEGIN PRIVATE KEY-----");

    for (Path file : List.of(pkcs1, pkcs8)) {
      assertSameKey(PemTls.privateKey(file), bouncyCastleKey(file));
      assertSameKey(PemTls.privateKey(file), rsa.getPrivate());
    }
  }

  @Test
  void readsEcKeysInSec1AndPkcs8OnTwoCurvesAsBouncyCastleDoes() throws Exception {
    for (KeyPair pair : List.of(p256, p384)) {
      Path sec1 = writeSec1("ec-sec1.pem", pair);
      Path pkcs8 = write("ec-pkcs8.pem", new JcaPKCS8Generator(pair.getPrivate(), null));

      for (Path file : List.of(sec1, pkcs8)) {
        assertSameKey(PemTls.privateKey(file), bouncyCastleKey(file));
        assertSameKey(PemTls.privateKey(file), pair.getPrivate());
      }
    }
  }

  @Test
  void readsEd25519KeysAsBouncyCastleDoes() throws Exception {
    Path pkcs8 = write("ed25519.pem", new JcaPKCS8Generator(ed25519.getPrivate(), null));

    assertSameKey(PemTls.privateKey(pkcs8), bouncyCastleKey(pkcs8));
  }

  @Test
  void readsACertificateChainInOrderAsBouncyCastleDoes() throws Exception {
    Path file = write("chain.pem", chain.toArray());

    assertThat(PemTls.certificates(file))
        .isEqualTo(bouncyCastleCertificates(file))
        .isEqualTo(chain);
  }

  @Test
  void readsABundleWithTextBetweenBlocksAndWindowsLineEnds() throws Exception {
    // openssl pkcs12 -nokeys writes "Bag Attributes" lines before each block; editors add CRLF.
    String pem = Files.readString(write("plain.pem", chain.toArray()), StandardCharsets.US_ASCII);
    String decorated =
        ("Bag Attributes\n    friendlyName: orders\nsubject=/CN=orders\n"
                + pem.replace("-----END CERTIFICATE-----\n", "-----END CERTIFICATE-----\n\n"))
            .replace("\n", "\r\n");
    Path file = Files.writeString(dir.resolve("decorated.pem"), decorated);

    assertThat(PemTls.certificates(file))
        .isEqualTo(bouncyCastleCertificates(file))
        .isEqualTo(chain);
  }

  @Test
  void findsTheKeyInAFileThatAlsoHoldsTheChainAsBouncyCastleDoes() throws Exception {
    List<Object> objects = new ArrayList<>(chain);
    objects.add(1, rsa.getPrivate());
    Path file = write("combined.pem", objects.toArray());

    assertSameKey(PemTls.privateKey(file), bouncyCastleKey(file));
    assertSameKey(PemTls.privateKey(file), rsa.getPrivate());
    assertThat(PemTls.certificates(file)).isEqualTo(bouncyCastleCertificates(file));
  }

  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec(curve));
    return gen.generateKeyPair();
  }

  private static X509Certificate certificate(
      String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca)
      throws Exception {
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(now).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
            new Date(now - 3_600_000L),
            new Date(now + 86_400_000L),
            new X500Name(subject),
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    String algorithm =
        issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA384withECDSA";
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
  }

  /** BouncyCastle's PEM writer: traditional OpenSSL form for a bare private key. */
  private static Path write(String name, Object... objects) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        if (o instanceof JcaPKCS8Generator pkcs8) {
          writer.writeObject(pkcs8);
        } else {
          writer.writeObject(o);
        }
      }
    }
    return Files.writeString(dir.resolve(name), out.toString(), StandardCharsets.US_ASCII);
  }

  /**
   * {@code EC PRIVATE KEY} as OpenSSL writes it, with the named curve and the public key (the JDK's
   * encoding of the inner key carries neither).
   */
  private static Path writeSec1(String name, KeyPair pair) throws IOException {
    ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    ASN1ObjectIdentifier curve =
        ASN1ObjectIdentifier.getInstance(spki.getAlgorithm().getParameters());
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            ((ECPublicKey) pair.getPublic()).getParams().getOrder().bitLength(),
            key.getS(),
            new DERBitString(spki.getPublicKeyData().getBytes()),
            curve);
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }
    return Files.writeString(dir.resolve(name), out.toString(), StandardCharsets.US_ASCII);
  }

  private static PrivateKey bouncyCastleKey(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    }
    throw new AssertionError("BouncyCastle found no private key in " + file);
  }

  private static List<X509Certificate> bouncyCastleCertificates(Path file) throws Exception {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    }
    return out;
  }

  private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
    if (expected instanceof RSAPrivateKey e) {
      assertThat(actual).isInstanceOf(RSAPrivateKey.class);
      RSAPrivateKey a = (RSAPrivateKey) actual;
      assertThat(a.getModulus()).isEqualTo(e.getModulus());
      assertThat(a.getPrivateExponent()).isEqualTo(e.getPrivateExponent());
    } else if (expected instanceof ECPrivateKey e) {
      assertThat(actual).isInstanceOf(ECPrivateKey.class);
      ECPrivateKey a = (ECPrivateKey) actual;
      assertThat(a.getS()).isEqualTo(e.getS());
      assertThat(a.getParams().getOrder()).isEqualTo(e.getParams().getOrder());
      assertThat(a.getParams().getGenerator()).isEqualTo(e.getParams().getGenerator());
    } else if (expected instanceof EdECPrivateKey e) {
      assertThat(actual).isInstanceOf(EdECPrivateKey.class);
      EdECPrivateKey a = (EdECPrivateKey) actual;
      assertThat(a.getParams().getName()).isEqualTo(e.getParams().getName());
      assertThat(a.getBytes().orElseThrow()).isEqualTo(e.getBytes().orElseThrow());
    } else {
      throw new AssertionError("unexpected key type " + expected.getClass());
    }
  }
}
