package dev.haremote.certwatch.testing;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates made by the test (root, intermediate, leaf with SANs and chosen validity). A small
 * stand-in until labkit's TestPki is available in this branch.
 */
public final class TestCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestCertificates() {}

  /** A certificate and its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keyPair) {}

  public static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static Issued root(String name) {
    Instant now = Instant.now();
    KeyPair keys = ec();
    return new Issued(
        build(
            new X500Name("CN=" + name),
            keys,
            new X500Name("CN=" + name),
            keys,
            null,
            now.minusSeconds(86_400L * 365),
            now.plusSeconds(86_400L * 3650),
            true,
            List.of()),
        keys);
  }

  public static Issued intermediate(Issued issuer, String name) {
    Instant now = Instant.now();
    KeyPair keys = ec();
    return new Issued(
        build(
            new X500Name("CN=" + name),
            keys,
            new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
            issuer.keyPair(),
            issuer.certificate(),
            now.minusSeconds(86_400L * 300),
            now.plusSeconds(86_400L * 3000),
            true,
            List.of()),
        keys);
  }

  /** A leaf without Common Name (like Let's Encrypt's new profiles): identity only in SANs. */
  public static Issued leaf(
      Issued issuer, List<String> sans, Instant notBefore, Instant notAfter, KeyPair keys) {
    return new Issued(
        build(
            X500Name.getInstance(new org.bouncycastle.asn1.DERSequence()),
            keys,
            new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
            issuer.keyPair(),
            issuer.certificate(),
            notBefore,
            notAfter,
            false,
            sans),
        keys);
  }

  public static Issued leaf(Issued issuer, List<String> sans, Instant notBefore, Instant notAfter) {
    return leaf(issuer, sans, notBefore, notAfter, ec());
  }

  /** A self-signed leaf (no CA anywhere). */
  public static Issued selfSigned(List<String> sans, Instant notBefore, Instant notAfter) {
    KeyPair keys = ec();
    return new Issued(
        build(
            new X500Name("CN=" + sans.get(0)),
            keys,
            new X500Name("CN=" + sans.get(0)),
            keys,
            null,
            notBefore,
            notAfter,
            false,
            sans),
        keys);
  }

  /** SHA-256 of the DER, lower-case hex (independent of the code under test). */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(X509Certificate... certificates) {
    return pemObjects((Object[]) certificates);
  }

  /** PKCS#8 ("BEGIN PRIVATE KEY"). */
  public static String pkcs8(KeyPair keys) {
    return pemObjects(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded()));
  }

  /** Traditional form ("BEGIN EC PRIVATE KEY" / "BEGIN RSA PRIVATE KEY"), as acme.sh writes. */
  public static String traditional(KeyPair keys) {
    if (!"EC".equals(keys.getPrivate().getAlgorithm())) {
      return pemObjects(keys);
    }
    // BouncyCastle's writer drops the curve from a JDK EC key; openssl writes it, so do we.
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
      org.bouncycastle.asn1.sec.ECPrivateKey inner =
          org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
      org.bouncycastle.asn1.sec.ECPrivateKey full =
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              256,
              inner.getKey(),
              SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(),
              info.getPrivateKeyAlgorithm().getParameters());
      return pemObjects(new PemObject("EC PRIVATE KEY", full.getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pemObjects(Object... objects) {
    try {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        for (Object object : objects) {
          writer.writeObject(object);
        }
      }
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate build(
      X500Name subject,
      KeyPair subjectKeys,
      X500Name issuer,
      KeyPair issuerKeys,
      X509Certificate issuerCertificate,
      Instant notBefore,
      Instant notAfter,
      boolean ca,
      List<String> sans) {
    try {
      // A positive serial whose first byte has the high bit set half of the time (ARI's 0x00).
      BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              serial,
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              subjectKeys.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              ca
                  ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                  : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
      if (issuerCertificate != null) {
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            utils.createAuthorityKeyIdentifier(issuerCertificate));
      }
      if (!sans.isEmpty()) {
        GeneralName[] names =
            sans.stream()
                .map(
                    san ->
                        Character.isDigit(san.charAt(0)) || san.contains(":")
                            ? new GeneralName(GeneralName.iPAddress, ipLiteral(san))
                            : new GeneralName(GeneralName.dNSName, san))
                .toArray(GeneralName[]::new);
        builder.addExtension(
            Extension.subjectAlternativeName,
            subject.getRDNs().length == 0,
            new GeneralNames(names));
      }
      String algorithm =
          "RSA".equals(issuerKeys.getPrivate().getAlgorithm())
              ? "SHA256withRSA"
              : "SHA256withECDSA";
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ipLiteral(String san) {
    try {
      return InetAddress.getByName(san).getHostAddress();
    } catch (Exception e) {
      throw new IllegalArgumentException(san, e);
    }
  }
}
